package io.orgbase.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * How many requests of the caller's per-minute budget an endpoint costs, when it is expensive for
 * the database (walking an audit chain, a report over every member): one account cannot saturate
 * the database by asking for it as often as for a single record. Read by {@code RateLimitFilter}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Cost {

    /** Requests of the budget one call spends (a plain request spends 1). */
    int value();
}
