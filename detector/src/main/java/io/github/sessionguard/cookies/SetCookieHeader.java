package io.github.sessionguard.cookies;

import io.github.sessionguard.catalogue.CookieCatalogue;
import io.github.sessionguard.catalogue.CookieFlag;
import io.github.sessionguard.catalogue.FlagValue;
import io.github.sessionguard.flow.Site;
import io.github.sessionguard.flow.StringSketch;

import java.util.Locale;

/**
 * Reads a {@code Set-Cookie} value from what the bytecode shows of it: the cookie's name from the text
 * before the first {@code =}, the attributes (any letter case) from the {@code ;}-separated parts after
 * the first {@code ;}. An unknown part among the attributes may hold any attribute, so a flag missing from
 * the constants is then only UNKNOWN; a value with no constant structure at all is not read.
 */
final class SetCookieHeader {
    private SetCookieHeader() {
    }

    /** The header as a cookie made at {@code site}, or null when its value cannot be read. */
    static CookieState parse(StringSketch value, Site site) {
        String text = value.text();
        int firstSemicolon = text.indexOf(';');
        String nameValue = firstSemicolon < 0 ? text : text.substring(0, firstSemicolon);
        int equals = nameValue.indexOf('=');
        if (value.isUnknown() || equals < 0) {
            return null;
        }
        String name = nameValue.substring(0, equals).trim();
        // "name=" with nothing after it: a clearing cookie, which carries nothing.
        boolean emptyValue = nameValue.substring(equals + 1).trim().isEmpty()
                && (firstSemicolon >= 0 || text.indexOf(StringSketch.HOLE) < 0);
        CookieState state = CookieState.created(CookieCatalogue.SET_COOKIE_HEADER,
                name.isEmpty() || name.indexOf(StringSketch.HOLE) >= 0 ? null : name, site);
        // "name=" + value with no constant ';' at all: the variable part might carry attributes too.
        boolean unknownAttributes = firstSemicolon < 0 && text.charAt(text.length() - 1) == StringSketch.HOLE;
        FlagValue secure = FlagValue.MISSING;
        FlagValue httpOnly = FlagValue.MISSING;
        String sameSite = null;
        boolean deleting = false;
        String attributes = firstSemicolon < 0 ? "" : text.substring(firstSemicolon + 1);
        for (String part : attributes.split(";")) {
            String attribute = part.trim();
            if (attribute.indexOf(StringSketch.HOLE) >= 0) {
                unknownAttributes |= !attribute.contains("=") || attribute.indexOf(StringSketch.HOLE) < attribute.indexOf('=');
                attribute = attribute.contains("=") ? attribute : "";
            }
            int separator = attribute.indexOf('=');
            String key = (separator < 0 ? attribute : attribute.substring(0, separator)).trim().toLowerCase(Locale.ROOT);
            String argument = separator < 0 ? "" : attribute.substring(separator + 1).trim();
            switch (key) {
            case "secure":
                secure = FlagValue.SET;
                break;
            case "httponly":
                httpOnly = FlagValue.SET;
                break;
            case "samesite":
                sameSite = argument.indexOf(StringSketch.HOLE) >= 0 ? null : argument;
                if (sameSite == null) {
                    unknownAttributes = true;
                }
                break;
            case "max-age":
                deleting = argument.equals("0");
                break;
            case "expires":
                // The conventional deletion date, the epoch.
                deleting |= argument.contains("1970");
                break;
            default:
                break;
            }
        }
        if (unknownAttributes) {
            secure = secure == FlagValue.SET ? secure : FlagValue.UNKNOWN;
            httpOnly = httpOnly == FlagValue.SET ? httpOnly : FlagValue.UNKNOWN;
        }
        state = state.withFlag(CookieFlag.SECURE, secure).withFlag(CookieFlag.HTTP_ONLY, httpOnly);
        if (sameSite != null) {
            state = CookieCallInterpreter.sameSite(state, sameSite);
        } else {
            state = state.withFlag(CookieFlag.SAME_SITE, unknownAttributes ? FlagValue.UNKNOWN : FlagValue.MISSING);
        }
        return state.withDeleting(deleting).withEmptyValue(emptyValue);
    }
}
