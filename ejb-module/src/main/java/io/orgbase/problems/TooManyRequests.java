package io.orgbase.problems;

/** The caller must slow down; {@link #retryAfterSeconds()} says for how long. */
public class TooManyRequests extends DomainException {

    private final long retryAfterSeconds;

    public TooManyRequests(String message, long retryAfterSeconds) {
        super(message);
        this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    @Override
    public String kind() {
        return "too-many-requests";
    }
}
