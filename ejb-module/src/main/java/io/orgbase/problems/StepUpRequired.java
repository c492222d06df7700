package io.orgbase.problems;

/**
 * The caller's sign-in does not meet what the organization requires (a second factor, a recent
 * enough sign-in): answered 401 with an RFC 9470 step-up challenge, so that the client signs in
 * again the way it asks. Refreshing does not help; the session keeps its sign-in.
 */
public class StepUpRequired extends DomainException {

    private final String kind;
    private final String challenge;

    /**
     * @param kind the problem type ({@code two-factor-required}, {@code session-too-old})
     * @param challenge the RFC 9470 parameters of the {@code WWW-Authenticate} challenge, such as
     *     {@code acr_values="mfa"} or {@code max_age=28800}
     */
    public StepUpRequired(String kind, String message, String challenge) {
        super(message);
        this.kind = kind;
        this.challenge = challenge;
    }

    @Override
    public String kind() {
        return kind;
    }

    public String challenge() {
        return challenge;
    }
}
