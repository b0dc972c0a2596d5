package com.example.bookshop.web;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import java.io.IOException;

/** Logout: ends the session and deletes the remember-me cookie. A deleting cookie is not reported. */
@WebServlet("/logout")
public class LogoutServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        Cookie rememberMe = new Cookie("remember-me", "");
        rememberMe.setMaxAge(0);
        rememberMe.setPath("/");
        response.addCookie(rememberMe);
        response.sendRedirect("login");
    }
}
