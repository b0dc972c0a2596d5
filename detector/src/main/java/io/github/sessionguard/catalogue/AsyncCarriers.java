package io.github.sessionguard.catalogue;

import java.util.Set;

/**
 * Types that carry a value to the functions chained on them, later or maybe: {@code Optional}, a
 * {@code Stream}, a {@code CompletableFuture}, Reactor's {@code Mono}/{@code Flux}, Mutiny's, RxJava's and
 * Vert.x's futures. An asynchronous login checks the credential, gets such a carrier of the answer
 * ({@code directory.verify(badge, pin)} answering a {@code CompletableFuture<Optional<Member>>}), and stores the
 * user in a lambda chained on it ({@code .thenApply(found -> found.map(member -> ...))}): the lambda's parameter is
 * the checked user, though no call in the lambda's own body says so.
 */
public final class AsyncCarriers {
    /** The carrier types (slashed), whose chained functions are handed the element they carry. */
    private static final Set<String> TYPES = Set.of(LoginCatalogue.OPTIONAL_TYPE, LoginCatalogue.STREAM_TYPE,
            "java/util/concurrent/CompletableFuture", "java/util/concurrent/CompletionStage",
            "reactor/core/publisher/Mono", "reactor/core/publisher/Flux",
            "io/smallrye/mutiny/Uni", "io/smallrye/mutiny/Multi",
            "io/reactivex/rxjava3/core/Single", "io/reactivex/rxjava3/core/Maybe",
            "io/reactivex/rxjava3/core/Observable", "io/reactivex/rxjava3/core/Flowable",
            "io/vertx/core/Future");

    /**
     * Operators whose result carries the receiver's element (or, for a zip, a tuple holding it): a filter keeps
     * it or nothing, a side effect or a scheduler change passes it on, a fallback is taken only without it.
     */
    private static final Set<String> ELEMENT_KEEPING = Set.of("filter", "filterWhen", "zipWith", "zipWhen",
            "doOnNext", "doOnSuccess", "doOnEach", "doFinally", "doOnSubscribe", "doOnTerminate", "peek",
            "switchIfEmpty", "defaultIfEmpty", "or", "cache", "share", "log", "timeout", "publishOn", "subscribeOn",
            "delayElement", "next", "single", "singleOrEmpty", "last", "take", "toFuture", "toCompletableFuture",
            "whenComplete", "whenCompleteAsync");

    /**
     * Calls that make a carrier of their argument, or take the element out of one: as a method reference handed
     * to {@code flatMap} or {@code map} ({@code .flatMap(Mono::justOrEmpty)}), the result carries what the
     * receiver did.
     */
    private static final Set<String> ELEMENT_PASSING = Set.of("just", "justOrEmpty", "of", "ofNullable",
            "completedFuture", "completedStage", "fromFuture", "fromCompletionStage", "fromOptional", "succeededFuture",
            "get", "join", "orElseThrow");

    /** Calls that chain a function on the element (its result is what the function answers). */
    private static final Set<String> MAPS = Set.of("map", "flatMap", "thenApply", "thenApplyAsync", "thenCompose",
            "thenComposeAsync", "transform", "compose");

    private AsyncCarriers() {
    }

    public static boolean isCarrier(String slashedOwner) {
        return TYPES.contains(slashedOwner);
    }

    /** {@code mono.zipWith(session)}, {@code found.filter(Member::staff)}: the result still carries the element. */
    public static boolean keepsElement(String slashedOwner, String name) {
        return isCarrier(slashedOwner) && ELEMENT_KEEPING.contains(name);
    }

    /** A zip, whose tuple carries the argument's element as well as the receiver's. */
    public static boolean zips(String slashedOwner, String name) {
        return isCarrier(slashedOwner) && name.startsWith("zip");
    }

    /** {@code map}, {@code flatMap}, {@code thenApply}... on a carrier. */
    public static boolean maps(String slashedOwner, String name) {
        return isCarrier(slashedOwner) && MAPS.contains(name);
    }

    /** A method reference that wraps the element into a carrier, or takes it out ({@code Mono::justOrEmpty}). */
    public static boolean passesElement(String slashedOwner, String name) {
        return isCarrier(slashedOwner) && ELEMENT_PASSING.contains(name);
    }

    /**
     * Does this call on a carrier hand the receiver's element to the function it is given (its first parameter the
     * function takes, not counting what a lambda captured)? An error handler ({@code onErrorResume},
     * {@code exceptionally}, {@code doOnError}) is handed the failure instead.
     */
    public static boolean feedsElement(String slashedOwner, String name) {
        return isCarrier(slashedOwner) && !name.contains("Error") && !name.startsWith("exceptionally");
    }

    /**
     * A read of a tuple's member: Reactor's {@code Tuple2.getT1()} ... {@code getT8()} (what {@code zipWith}
     * carries), Mutiny's {@code getItem1()} ...: the user a zip paired with the session is a part of the pair.
     */
    public static boolean isTupleElementRead(String name) {
        return name.length() == 5 && name.startsWith("getT") && Character.isDigit(name.charAt(4))
                || name.length() == 8 && name.startsWith("getItem") && Character.isDigit(name.charAt(7));
    }
}
