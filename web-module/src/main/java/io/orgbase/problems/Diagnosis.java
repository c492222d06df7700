package io.orgbase.problems;

import io.orgbase.logging.Logs;
import jakarta.persistence.OptimisticLockException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.logging.Logger;

/**
 * What a failure means to the caller, whatever protocol answers it: REST turns it into a problem
 * document ({@link ProblemMapper}), SOAP into a typed fault ({@code io.orgbase.soap.SoapFaults}). One
 * classification, so that the same failure is the same answer on both.
 *
 * @param status the HTTP status REST answers with
 * @param kind the problem kind (the last segment of the problem type URI)
 * @param detail safe to show to the caller
 * @param fields the invalid fields, or an empty list
 * @param retryAfterSeconds when the caller may try again (null: not said)
 * @param cause the domain exception, when it was one (null otherwise)
 */
public record Diagnosis(
        int status,
        String kind,
        String detail,
        List<FieldError> fields,
        Integer retryAfterSeconds,
        DomainException cause) {

    private static final Logger LOG = Logs.get(Diagnosis.class);

    /** A statement that ran past the statement timeout: when to try again. */
    static final int BUSY_RETRY_SECONDS = 5;

    /** The first cause in the chain that is the caller's to act on; null for a failure of ours. */
    public static Diagnosis of(Throwable thrown) {
        for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
            Diagnosis known = one(cause);
            if (known != null) {
                return known;
            }
        }
        return null;
    }

    private static Diagnosis one(Throwable cause) {
        if (cause instanceof DomainException domain) {
            return new Diagnosis(
                    statusOf(domain),
                    domain.kind(),
                    domain.getMessage(),
                    domain instanceof InvalidInput invalid ? invalid.errors() : List.of(),
                    domain instanceof TooManyRequests slowDown ? (int) slowDown.retryAfterSeconds() : null,
                    domain);
        }
        if (cause instanceof ConstraintViolationException violations) {
            return plain(400, "invalid-input", "The request has invalid fields.", fields(violations));
        }
        if (cause instanceof OptimisticLockException) {
            return plain(409, "conflict", "Someone else changed this meanwhile; reload and retry.", List.of());
        }
        if (cause instanceof SQLException sql && sql.getSQLState() != null) {
            return database(sql.getSQLState());
        }
        return null;
    }

    private static Diagnosis plain(int status, String kind, String detail, List<FieldError> fields) {
        return new Diagnosis(status, kind, detail, fields, null, null);
    }

    static int statusOf(DomainException domain) {
        if (domain instanceof NotFound) {
            return 404;
        } else if (domain instanceof Conflict) {
            return 409;
        } else if (domain instanceof Forbidden) {
            return 403;
        } else if (domain instanceof Unauthenticated || domain instanceof StepUpRequired) {
            return 401;
        } else if (domain instanceof PayloadTooLarge) {
            return 413;
        } else if (domain instanceof TooManyRequests) {
            return 429;
        } else if (domain instanceof PreconditionFailed) {
            return 412;
        }
        return 400;
    }

    /** Constraint violations of the schema: the database is the last word on uniqueness. */
    private static Diagnosis database(String state) {
        return switch (state) {
            case "23505", "23P01" -> plain(409, "conflict", "Something with these values already exists.", List.of());
            case "23503" -> plain(
                    409, "conflict", "This is still referenced, or refers to something that is gone.", List.of());
            case "40001", "40P01" -> plain(
                    409, "conflict", "A concurrent change got in the way; retry the request.", List.of());
            case "23514", "22001", "22P02", "23502", "22021" -> plain(
                    400, "invalid-input", "The request has a value the database does not accept.", List.of());
                // a statement ran past the statement timeout (ORGBASE_DB_STATEMENT_TIMEOUT) and was cancelled
            case "57014" -> {
                LOG.warning("A database statement was cancelled after the statement timeout");
                yield new Diagnosis(
                        503,
                        "database-busy",
                        "The database took too long to answer; retry shortly, or narrow the request.",
                        List.of(),
                        BUSY_RETRY_SECONDS,
                        null);
            }
            default -> null;
        };
    }

    private static List<FieldError> fields(ConstraintViolationException violations) {
        return violations.getConstraintViolations().stream()
                .map(v -> new FieldError(leaf(v), v.getMessage()))
                .sorted(Comparator.comparing(FieldError::name))
                .toList();
    }

    /**
     * {@code create.request.name} → {@code name}, {@code create.request.primaryAddress.country} →
     * {@code primaryAddress.country}, {@code create.request.emails[1].email} → {@code
     * emails[1].email}: clients know fields, not Java methods. The values of a {@code Patch} are the
     * request's own fields.
     */
    static String leaf(ConstraintViolation<?> violation) {
        List<String> properties = new ArrayList<>();
        String last = null;
        for (Path.Node node : violation.getPropertyPath()) {
            last = node.getName();
            if (node.isInIterable() && node.getIndex() != null && !properties.isEmpty()) {
                int at = properties.size() - 1;
                properties.set(at, properties.get(at) + "[" + node.getIndex() + "]");
            }
            if (node.getKind() == ElementKind.PROPERTY) {
                properties.add(node.getName());
            }
        }
        if (properties.size() > 1 && properties.get(0).equals("values")) {
            properties.remove(0);
        }
        return properties.isEmpty() ? last : String.join(".", properties);
    }
}
