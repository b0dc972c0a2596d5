package com.example.shop;

import jakarta.servlet.http.HttpServletRequest;

/** The company's session library: renew() gives the session a new id (its code is in another jar). */
public interface AcmeSessions {
    void renew(HttpServletRequest request);
}
