package com.example.shop;

/** The company's single sign-on client: SessionGuard cannot tell from its name that it checks a password. */
public interface AcmeSso {
    String signOn(String user, String password);
}
