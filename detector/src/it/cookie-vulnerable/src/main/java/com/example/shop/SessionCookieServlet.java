package com.example.shop;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** Hands the session id to the browser in a cookie of its own, without any protective attribute. */
public class SessionCookieServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) {
        Cookie cookie = new Cookie("SHOPSESSION", request.getSession().getId());
        cookie.setPath("/");
        response.addCookie(cookie);
    }
}
