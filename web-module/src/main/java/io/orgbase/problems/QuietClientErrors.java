package io.orgbase.problems;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A client's mistake is not the server's news: Payara's MicroProfile JWT logs every refused token
 * with a stack trace at INFO. That logger is raised to WARNING while Orgbase runs (the refusal is
 * answered 401, and counted against the address's budget). Kept in a static field: the JDK holds
 * loggers weakly, and a collected logger forgets its level.
 */
@WebListener
public class QuietClientErrors implements ServletContextListener {

    private static final Logger REFUSED_TOKENS =
            Logger.getLogger("fish.payara.microprofile.jwtauth.eesecurity.SignedJWTIdentityStore");

    @Override
    public void contextInitialized(ServletContextEvent started) {
        REFUSED_TOKENS.setLevel(Level.WARNING);
    }
}
