package io.orgbase.identity.control;

import io.orgbase.identity.boundary.EmailOwnership;
import io.orgbase.messaging.Event;
import io.orgbase.messaging.EventHandler;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Sends the links that password reset requests asked for, away from the request (which so does
 * the same work whether or not the address has an account). Redelivery sends nothing twice: the
 * consumer applies each request once.
 */
@ApplicationScoped
public class PasswordResetMailer implements EventHandler {

    /** The event type a reset request publishes. */
    public static final String TYPE = "password-reset.requested";

    @EJB
    EmailOwnership ownership;

    @Override
    public String name() {
        return "password-reset";
    }

    @Override
    public boolean handles(String type) {
        return TYPE.equals(type);
    }

    @Override
    public boolean needsOrganization() {
        return false;
    }

    @Override
    public void handle(Event event) {
        ownership.sendPasswordReset(
                event.payload().getString("email"), event.payload().getString("clientAddress", ""));
    }
}
