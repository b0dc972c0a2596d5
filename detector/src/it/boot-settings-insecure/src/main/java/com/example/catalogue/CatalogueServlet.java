package com.example.catalogue;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/** The catalogue's only page: it keeps the visitor's last search in the session. */
public class CatalogueServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String query = request.getParameter("q");
        if (query != null) {
            request.getSession().setAttribute("lastSearch", query);
        }
        response.setContentType("text/plain");
        response.getWriter().println("results for " + query);
    }
}
