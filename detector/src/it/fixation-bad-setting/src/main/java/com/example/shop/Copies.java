package com.example.shop;

/** Not SessionGuard's business: SpotBugs' own detectors report the needless String copy, bad setting or not. */
public class Copies {
    public String copy(String text) {
        return new String(text);
    }
}
