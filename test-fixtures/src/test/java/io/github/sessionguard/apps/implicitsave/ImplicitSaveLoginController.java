package io.github.sessionguard.apps.implicitsave;

import io.github.sessionguard.fixtures.expect.Confidence;
import io.github.sessionguard.fixtures.expect.ExpectWarning;
import io.github.sessionguard.fixtures.expect.Patterns;

import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The holder-only login that is no session login on 6+ defaults is one here: the application saves implicitly. */
@Controller
public class ImplicitSaveLoginController {
    private final AuthenticationManager authenticationManager;

    public ImplicitSaveLoginController(AuthenticationManager authenticationManager) {
        this.authenticationManager = authenticationManager;
    }

    @PostMapping("/signin")
    @ExpectWarning(value = Patterns.SESSION_FIXATION, priority = Confidence.HIGH,
            at = "SecurityContextHolder.getContext().setAuthentication(authentication);",
            message = {"Spring Security SecurityContext.setAuthentication", "sessionAuthenticationStrategy.onAuthentication"})
    public String signIn(@RequestParam String username, @RequestParam String password) {
        Authentication authentication = authenticationManager.authenticate(
                UsernamePasswordAuthenticationToken.unauthenticated(username, password));
        SecurityContextHolder.getContext().setAuthentication(authentication);
        return "redirect:/";
    }
}
