package io.github.sessionguard.apps.containerlogin;

import io.github.sessionguard.fixtures.expect.Confidence;
import io.github.sessionguard.fixtures.expect.ExpectWarning;
import io.github.sessionguard.fixtures.expect.Patterns;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The same Spring MVC servlet-API login in an application without Spring Security chains: the container
 * performs it and (Tomcat's default) changes the id, so it stays LOW.
 */
@Controller
public class ContainerLoginController {
    @PostMapping("/login")
    @ExpectWarning(value = Patterns.SESSION_FIXATION, priority = Confidence.LOW, at = "request.login(username, password);",
            message = {"container login HttpServletRequest.login"})
    public String login(@RequestParam String username, @RequestParam String password, HttpServletRequest request) {
        try {
            request.login(username, password);
        } catch (ServletException e) {
            return "login?error";
        }
        return "redirect:/";
    }
}
