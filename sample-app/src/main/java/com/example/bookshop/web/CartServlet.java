package com.example.bookshop.web;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/** Keeps an anonymous cart id in a cookie; HttpOnly is set only when the request came over HTTPS. */
@WebServlet("/cart")
public class CartServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Cookie cart = new Cookie("cart_sid", java.util.UUID.randomUUID().toString());
        cart.setSecure(true);
        cart.setAttribute("SameSite", "Strict");
        if (request.isSecure()) {
            cart.setHttpOnly(true);   // on one branch only: the other path still sends it without HttpOnly
        }
        response.addCookie(cart);
        response.sendRedirect("cart");
    }
}
