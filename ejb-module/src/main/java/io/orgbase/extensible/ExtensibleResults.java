package io.orgbase.extensible;

import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a boundary that returns extensible records: every record one of its methods returns —
 * alone, in a list or in a page — leaves with its extras (tags) attached, whichever path read it
 * ({@link ExtrasInterceptor}). Boundaries returning extensible records must carry it (checked by
 * {@code BoundaryMarkersTest}).
 */
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface ExtensibleResults {}
