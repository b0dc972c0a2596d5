package com.example.bookshop.web;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/** Stores display preferences in cookies; one of them is explicitly made insecure. */
@WebServlet("/preferences")
public class PreferencesController extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        // A preference cookie: nothing secret, but still sent over HTTP and readable by scripts.
        Cookie theme = new Cookie("theme", request.getParameter("theme"));
        theme.setPath("/");
        theme.setAttribute("SameSite", "Lax");
        response.addCookie(theme);

        // Secure switched off on purpose "for the staging server": reported as HIGH.
        Cookie currency = new Cookie("currency", request.getParameter("currency"));
        currency.setSecure(false);
        currency.setHttpOnly(true);
        currency.setAttribute("SameSite", "Lax");
        response.addCookie(currency);

        // Flags that depend on the request: reported at LOW priority only (see docs/usage.md).
        Cookie language = new Cookie("lang", request.getParameter("lang"));
        language.setSecure(request.isSecure());
        language.setHttpOnly(true);
        language.setAttribute("SameSite", "Lax");
        response.addCookie(language);

        response.sendRedirect("account");
    }
}
