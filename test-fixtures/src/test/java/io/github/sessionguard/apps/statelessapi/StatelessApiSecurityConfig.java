package io.github.sessionguard.apps.statelessapi;

import io.github.sessionguard.fixtures.expect.NoWarning;
import io.github.sessionguard.fixtures.expect.Patterns;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * A token API whose only chain is STATELESS (and, copied from a 5.x tutorial, saves implicitly): Spring
 * Security keeps no context in the session (runtime-evidence {@code SpringChainSessionTest},
 * {@code /stateless-implicit}), so the holder login of {@link TokenLoginController} authenticates no session.
 */
@Configuration
@EnableWebSecurity
@NoWarning({Patterns.SESSION_FIXATION, Patterns.SESSION_FIXATION_PROTECTION_DISABLED})
public class StatelessApiSecurityConfig {
    @Bean
    public SecurityFilterChain chain(HttpSecurity http) throws Exception {
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .securityContext(context -> context.requireExplicitSave(false))
                .authorizeHttpRequests(auth -> auth.requestMatchers("/api/auth/login").permitAll().anyRequest().authenticated());
        return http.build();
    }
}
