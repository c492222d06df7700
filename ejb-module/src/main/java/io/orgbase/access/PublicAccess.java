package io.orgbase.access;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a boundary method (or class) that anyone may call without being signed in — signing in
 * itself. Every boundary method carries this, {@link AuthenticatedOnly} or {@link
 * RequiresPermission}; a test walks them all.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface PublicAccess {}
