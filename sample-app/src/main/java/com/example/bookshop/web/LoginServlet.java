package com.example.bookshop.web;

import com.example.bookshop.auth.UserDirectory;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import java.io.IOException;
import java.util.Optional;

/**
 * Form login. Two problems: the session keeps its pre-login id (session fixation, found by the
 * planned fixation detector), and the "remember me" cookie is sent without any protective attribute.
 */
@WebServlet("/login")
public class LoginServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    private final transient UserDirectory users = new UserDirectory();

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<String> user = users.checkPassword(request.getParameter("username"),
                request.getParameter("password"));
        if (user.isEmpty()) {
            response.sendRedirect("login?error");
            return;
        }
        HttpSession session = request.getSession();
        session.setAttribute("user", user.get());

        if ("on".equals(request.getParameter("remember"))) {
            Cookie rememberMe = new Cookie("remember-me", users.issueRememberMeToken(user.get()));
            rememberMe.setMaxAge(60 * 60 * 24 * 14);
            rememberMe.setPath("/");
            response.addCookie(rememberMe);
        }
        response.sendRedirect("account");
    }
}
