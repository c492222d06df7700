package io.orgbase.problems;

import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * Bean Validation failures reach JAX-RS unwrapped, where Jersey's own validation mapper would
 * answer with an empty 400; this more specific mapper keeps them in {@link ProblemMapper}'s hands,
 * with every invalid field listed.
 */
@Provider
public class ValidationProblemMapper implements ExceptionMapper<ConstraintViolationException> {

    private final ProblemMapper problems = new ProblemMapper();

    @Override
    public Response toResponse(ConstraintViolationException violations) {
        return problems.toResponse(violations);
    }
}
