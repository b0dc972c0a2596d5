package com.example.bookshop.web;

import com.example.bookshop.auth.UserDirectory;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.Optional;

/** The same login done right: new session id on login, remember-me cookie with every attribute. */
@WebServlet("/v2/login")
public class SecureLoginServlet extends HttpServlet {
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
        request.getSession();
        request.changeSessionId();
        request.getSession().setAttribute("user", user.get());

        if ("on".equals(request.getParameter("remember"))) {
            Cookie rememberMe = new Cookie("remember-me", users.issueRememberMeToken(user.get()));
            rememberMe.setMaxAge(60 * 60 * 24 * 14);
            rememberMe.setPath("/");
            rememberMe.setSecure(true);
            rememberMe.setHttpOnly(true);
            rememberMe.setAttribute("SameSite", "Lax");
            response.addCookie(rememberMe);
        }
        response.sendRedirect("account");
    }
}
