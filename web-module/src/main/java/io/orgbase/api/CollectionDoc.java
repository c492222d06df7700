package io.orgbase.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/**
 * How the API contract describes the operations a {@link CollectionResource} subclass inherits.
 * MicroProfile OpenAPI reads annotations only from the method that declares them, and the six
 * collection operations are declared once in the skeleton; this carries what differs per
 * collection, and {@link ContractFilter} applies it when the contract is generated at build time.
 * What is the same for every collection (list parameters, error responses, the bulk body) is
 * annotated on the skeleton's methods.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface CollectionDoc {

    /** The schema of one record (components/schemas). */
    String item();

    /** The schema of a create body. */
    String request();

    /** The schema of a PATCH body. */
    String patch();

    /** The name the contract gives the path parameter that names one record. */
    String key() default "id";

    /** Its format: {@code uuid}, or empty for a plain string key. */
    String keyFormat() default "uuid";

    String keyDescription() default "";

    Operation list();

    Operation create();

    Operation bulk();

    Operation get();

    Operation update();

    Operation delete();

    /** A tree's subtree ({@link TreeResource}); required there. */
    Operation descendants() default @Operation;

    /** A tree's ancestors ({@link TreeResource}); required there. */
    Operation ancestors() default @Operation;

    /** Simple filters worth naming on the list operation. */
    Parameter[] filters() default {};
}
