package com.example.shop;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/** Signs on (a login SessionGuard cannot recognise by any name) through the in-house SSO and stores the principal without a new session id. */
public class SsoEntryServlet extends HttpServlet {
    private final AcmeSso sso;

    public SsoEntryServlet(AcmeSso sso) {
        this.sso = sso;
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String principal = sso.signOn(request.getParameter("user"), request.getParameter("secret"));
        request.getSession().setAttribute("acme.who", principal);
        response.sendRedirect("/");
    }
}
