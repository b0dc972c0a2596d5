package io.github.sessionguard.catalogue;

import java.util.Set;

/**
 * Sa-Token's token cookie: a login through Sa-Token ({@code StpUtil.login(id)}, or a {@code StpLogic}'s) makes a token and,
 * unless {@code sa-token.is-read-cookie=false}, writes it to the response as a cookie named by {@code sa-token.token-name}
 * (default {@code satoken}) with the attributes of {@code sa-token.cookie.*}. Its defaults (sa-token-core 1.39,
 * {@code SaCookieConfig}, {@code SaTokenConfig}): {@code is-read-cookie} true, {@code secure} false, {@code http-only}
 * false, no SameSite; the cookie is written as a raw {@code Set-Cookie} header, so a container's cookie policy does not
 * reach it. Keys as {@code BootProperty.canonical} forms.
 */
public final class SaTokenCookieKeys {
    /** The classes whose {@code login} methods log a user in through Sa-Token, slashed. */
    public static final Set<String> LOGIN_OWNERS = Set.of("cn/dev33/satoken/stp/StpUtil", "cn/dev33/satoken/stp/StpLogic");
    public static final String LOGIN_METHOD = "login";

    /** Every key of Sa-Token's settings starts so. */
    public static final String PREFIX = "satoken";
    public static final String READ_COOKIE = "satokenisreadcookie";
    public static final String TOKEN_NAME = "satokentokenname";
    public static final String DEFAULT_TOKEN_NAME = "satoken";
    public static final String SECURE = "satokencookiesecure";
    public static final String SECURE_KEY = "sa-token.cookie.secure";
    public static final String HTTP_ONLY = "satokencookiehttponly";
    public static final String HTTP_ONLY_KEY = "sa-token.cookie.http-only";
    public static final String SAME_SITE = "satokencookiesamesite";
    public static final String SAME_SITE_KEY = "sa-token.cookie.same-site";

    private SaTokenCookieKeys() {
    }
}
