package io.github.sessionguard.apps.implicitsave;

import io.github.sessionguard.fixtures.expect.NoWarning;
import io.github.sessionguard.fixtures.expect.Patterns;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * An application migrated to Spring Security 6 that kept the 5.x behaviour: the holder's context is saved in
 * the session after every request (runtime-evidence {@code SpringChainSessionTest}, {@code /implicit}).
 */
@Configuration
@EnableWebSecurity
@NoWarning({Patterns.SESSION_FIXATION, Patterns.SESSION_FIXATION_PROTECTION_DISABLED})
public class ImplicitSaveSecurityConfig {
    @Bean
    public SecurityFilterChain chain(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(auth -> auth.requestMatchers("/signin").permitAll().anyRequest().authenticated())
                .formLogin(Customizer.withDefaults())
                .securityContext(context -> context.requireExplicitSave(false));
        return http.build();
    }
}
