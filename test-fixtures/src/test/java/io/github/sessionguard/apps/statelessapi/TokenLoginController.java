package io.github.sessionguard.apps.statelessapi;

import io.github.sessionguard.fixtures.expect.NoWarning;
import io.github.sessionguard.fixtures.expect.Patterns;

import org.springframework.http.ResponseEntity;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.Base64;

/** The JWT login endpoint of a stateless application: sets the holder, answers with a token. Not a session login. */
@RestController
@NoWarning(Patterns.SESSION_FIXATION)
public class TokenLoginController {
    private final AuthenticationManager authenticationManager;

    public TokenLoginController(AuthenticationManager authenticationManager) {
        this.authenticationManager = authenticationManager;
    }

    @PostMapping("/api/auth/login")
    public ResponseEntity<String> login(@RequestParam String username, @RequestParam String password) {
        Authentication authentication = authenticationManager.authenticate(
                UsernamePasswordAuthenticationToken.unauthenticated(username, password));
        SecurityContextHolder.getContext().setAuthentication(authentication);
        return ResponseEntity.ok(Base64.getUrlEncoder().encodeToString(authentication.getName().getBytes()));
    }
}
