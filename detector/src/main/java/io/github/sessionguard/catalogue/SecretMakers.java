package io.github.sessionguard.catalogue;

import java.util.List;
import java.util.Set;

/**
 * Calls whose result is made to be unguessable or unforgeable: cryptographic randomness (a random UUID is drawn
 * from {@code SecureRandom}), a key generator, a MAC or a signature. A cookie value built from one is a bearer
 * secret (a device or kiosk id, a workstation token, a signed ticket), whatever the cookie or the call that hands it
 * on is called: nobody draws 128 random bits or signs a value that only records a display choice.
 */
public final class SecretMakers {
    private static final String SECURE_RANDOM = "java/security/SecureRandom";

    /**
     * A random UUID: drawn from {@code SecureRandom}, but also the everyday id of anything (a visitor, a cart line, a
     * correlation id), so a secret only where the server keeps it to recognise the cookie when it returns (see
     * {@code SecretValues}): a kiosk or device registered under it.
     */
    private static final CallPattern RANDOM_ID = CallPattern.of("java/util/UUID", "randomUUID", "()Ljava/util/UUID;");

    /** Calls whose result is such a value. */
    private static final List<CallPattern> RESULTS = List.of(
            CallPattern.of(SECURE_RANDOM, "nextInt", null),
            CallPattern.of(SECURE_RANDOM, "nextLong", null),
            CallPattern.of(SECURE_RANDOM, "ints", null),
            CallPattern.of(SECURE_RANDOM, "longs", null),
            CallPattern.of(SECURE_RANDOM, "generateSeed", "(I)[B"),
            CallPattern.of("javax/crypto/Mac", "doFinal", null),
            CallPattern.of("java/security/Signature", "sign", "()[B"),
            CallPattern.of("javax/crypto/KeyGenerator", "generateKey", "()Ljavax/crypto/SecretKey;"),
            // Spring Security's KeyGenerators.string()/secureRandom(): SecureRandom behind an interface.
            CallPattern.of(Set.of("org/springframework/security/crypto/keygen/StringKeyGenerator",
                    "org/springframework/security/crypto/keygen/BytesKeyGenerator"), "generateKey", null));

    /** Calls that fill the array given as their argument 0 with such bytes ({@code random.nextBytes(raw)}). */
    private static final List<CallPattern> FILLS_ARGUMENT = List.of(
            CallPattern.of(SECURE_RANDOM, "nextBytes", "([B)V"));

    /**
     * A {@code SecureRandom} object handed to a constructor or a helper makes its result random the same way
     * ({@code new BigInteger(130, random).toString(32)}).
     */
    private static final String RANDOM_SOURCE_TYPE = "L" + SECURE_RANDOM + ";";

    private SecretMakers() {
    }

    public static boolean makesSecret(String owner, String name, String descriptor) {
        return RESULTS.stream().anyMatch(pattern -> pattern.matches(owner, name, descriptor));
    }

    /** A random id: a secret only where the server also keeps it (see {@link #RANDOM_ID}). */
    public static boolean makesRandomId(String owner, String name, String descriptor) {
        return RANDOM_ID.matches(owner, name, descriptor);
    }

    public static boolean fillsArgument(String owner, String name, String descriptor) {
        return FILLS_ARGUMENT.stream().anyMatch(pattern -> pattern.matches(owner, name, descriptor));
    }

    /** A value of this (signature) type is a source of cryptographic randomness. */
    public static boolean isRandomSource(String signature) {
        return RANDOM_SOURCE_TYPE.equals(signature);
    }
}
