#!/usr/bin/env python3
"""Writes a servlet-dense application for the benchmark: N servlet, filter and controller-like classes
that create cookies, read and write sessions and call shared helpers, as web applications and the OWASP
Benchmark do, so that every class passes SessionGuard's pre-screen and most methods get the in-depth
analysis. Deterministic: the same N gives the same sources.

Usage: generate-servlet-app.py OUTPUT_DIR [N=2000]
"""
import os
import random
import sys

PACKAGE = "com.example.bench"

HELPERS = {
    "CookieHelper": """
package {pkg}.support;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletResponse;

public final class CookieHelper {{
    private CookieHelper() {{
    }}

    public static Cookie hardened(String name, String value) {{
        Cookie cookie = new Cookie(name, value);
        cookie.setSecure(true);
        cookie.setHttpOnly(true);
        cookie.setAttribute("SameSite", "Lax");
        return cookie;
    }}

    public static void send(HttpServletResponse response, Cookie cookie, boolean secure) {{
        cookie.setSecure(secure);
        response.addCookie(cookie);
    }}

    public static void clear(HttpServletResponse response, String name) {{
        Cookie cookie = new Cookie(name, "");
        cookie.setMaxAge(0);
        response.addCookie(cookie);
    }}
}}
""",
    "UserService": """
package {pkg}.support;

import java.util.HashMap;
import java.util.Map;

public class UserService {{
    private final Map<String, String> passwords = new HashMap<>();

    public String authenticate(String user, String password) {{
        String stored = passwords.get(user);
        return stored != null && stored.equals(password) ? user : null;
    }}

    public String displayName(String user) {{
        return user == null ? "guest" : user.toUpperCase();
    }}
}}
""",
    "SessionKeys": """
package {pkg}.support;

public final class SessionKeys {{
    public static final String CART = "cart";
    public static final String LOCALE = "locale";
    public static final String USER = "currentUser";

    private SessionKeys() {{
    }}
}}
""",
}

BODIES = [
    # cookie with flags from a helper
    """        Cookie cookie = CookieHelper.hardened("pref{i}", request.getParameter("v"));
        response.addCookie(cookie);""",
    # plain cookie (a finding)
    """        Cookie cookie = new Cookie("track{i}", String.valueOf(System.nanoTime()));
        cookie.setPath("/");
        response.addCookie(cookie);""",
    # cookie sent through a helper with a runtime flag
    """        CookieHelper.send(response, new Cookie("view{i}", request.getParameter("view")), request.isSecure());""",
    # cart in the session, not a login
    """        HttpSession session = request.getSession();
        Integer count = (Integer) session.getAttribute(SessionKeys.CART);
        session.setAttribute(SessionKeys.CART, count == null ? 1 : count + 1);""",
    # locale in the session
    """        request.getSession().setAttribute(SessionKeys.LOCALE, request.getParameter("lang"));""",
    # a login with an id change
    """        String user = users.authenticate(request.getParameter("user"), request.getParameter("password"));
        if (user != null) {{
            request.changeSessionId();
            request.getSession().setAttribute(SessionKeys.USER, user);
        }}""",
    # a header cookie
    """        response.addHeader("Set-Cookie", "banner{i}=" + request.getParameter("b") + "; Path=/; Secure; HttpOnly");""",
    # deletion cookie
    """        CookieHelper.clear(response, "old{i}");""",
    # reading cookies and branching
    """        Cookie[] cookies = request.getCookies();
        String seen = null;
        if (cookies != null) {{
            for (Cookie c : cookies) {{
                if (c.getName().equals("seen{i}")) {{
                    seen = c.getValue();
                }}
            }}
        }}
        if (seen == null) {{
            Cookie mark = new Cookie("seen{i}", "1");
            mark.setHttpOnly(true);
            mark.setSecure(true);
            response.addCookie(mark);
        }}""",
    # plain business code
    """        StringBuilder page = new StringBuilder();
        for (int k = 0; k < {i} % 7 + 1; k++) {{
            page.append(users.displayName(request.getParameter("u" + k)));
        }}
        response.getWriter().write(page.toString());""",
]

SERVLET = """package {pkg}.web.p{group};

import {pkg}.support.CookieHelper;
import {pkg}.support.SessionKeys;
import {pkg}.support.UserService;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;

public class Page{i}Servlet extends HttpServlet {{
    private final UserService users = new UserService();

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {{
{get}
    }}

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {{
{post}
    }}

    private String label(String raw) {{
        return raw == null ? "none" : raw.trim();
    }}
}}
"""


def body(rng, i):
    """Two snippets, each in a block of its own so their local names never clash."""
    return "\n".join("        {{\n" + rng.choice(BODIES) + "\n        }}" for _ in range(2)).format(i=i)


def main():
    out = sys.argv[1]
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 2000
    rng = random.Random(614)
    base = os.path.join(out, *PACKAGE.split("."))
    os.makedirs(os.path.join(base, "support"), exist_ok=True)
    for name, text in HELPERS.items():
        with open(os.path.join(base, "support", name + ".java"), "w") as f:
            f.write(text.format(pkg=PACKAGE))
    for i in range(count):
        group = i // 100
        folder = os.path.join(base, "web", "p%d" % group)
        os.makedirs(folder, exist_ok=True)
        get = body(rng, i)
        post = body(rng, i)
        with open(os.path.join(folder, "Page%dServlet.java" % i), "w") as f:
            f.write(SERVLET.format(pkg=PACKAGE, group=group, i=i, get=get, post=post))


if __name__ == "__main__":
    main()
