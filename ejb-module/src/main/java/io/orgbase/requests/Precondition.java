package io.orgbase.requests;

import io.orgbase.persistence.BaseEntity;
import io.orgbase.problems.PreconditionFailed;
import java.util.List;

/**
 * What a client's {@code If-Match} asks for: a change only if the row is still at one of {@code
 * versions}. {@link #NONE} when the client sent none or {@code *} (a concurrent change is then
 * still caught by the version check at commit, as a 409, never silently overwritten).
 */
public record Precondition(List<Long> versions) {

    public static final Precondition NONE = new Precondition(null);

    public Precondition {
        versions = versions == null ? null : List.copyOf(versions);
    }

    /** @throws PreconditionFailed when the row has moved on from every version the client names */
    public void check(BaseEntity entity) {
        if (versions != null && !versions.contains(entity.getVersion())) {
            throw new PreconditionFailed("It changed since you read it (its ETag is now \"" + entity.getVersion()
                    + "\"); read it again and retry.");
        }
    }
}
