package com.example.shop;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/** The fixed twin: the in-house renew() gives the session a new id before the principal is stored. */
public class RenewingSsoEntryServlet extends HttpServlet {
    private final AcmeSso sso;
    private final AcmeSessions sessions;

    public RenewingSsoEntryServlet(AcmeSso sso, AcmeSessions sessions) {
        this.sso = sso;
        this.sessions = sessions;
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String principal = sso.signOn(request.getParameter("user"), request.getParameter("secret"));
        sessions.renew(request);
        request.getSession().setAttribute("acme.who", principal);
        response.sendRedirect("/");
    }
}
