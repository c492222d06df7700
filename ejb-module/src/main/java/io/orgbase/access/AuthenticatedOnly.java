package io.orgbase.access;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a boundary method (or class) that any signed-in caller may call, outside any one
 * organization's permissions: the caller's own account, creating an organization, listing one's
 * organizations. What it may touch is decided from its {@link Caller} argument.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface AuthenticatedOnly {}
