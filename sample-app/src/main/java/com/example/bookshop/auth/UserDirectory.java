package com.example.bookshop.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The shop's user accounts (in memory, to keep the sample self-contained). */
public final class UserDirectory {
    private final Map<String, byte[]> passwordHashes = new ConcurrentHashMap<>();

    public void register(String username, String password) {
        passwordHashes.put(username, hash(password));
    }

    /** Returns the user name when the password matches. */
    public Optional<String> checkPassword(String username, String password) {
        byte[] expected = passwordHashes.get(username);
        if (expected == null || password == null || !MessageDigest.isEqual(expected, hash(password))) {
            return Optional.empty();
        }
        return Optional.of(username);
    }

    /** Issues an opaque token for the "remember me" cookie. */
    public String issueRememberMeToken(String username) {
        return java.util.UUID.randomUUID() + ":" + username.hashCode();
    }

    private static byte[] hash(String password) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(password.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
