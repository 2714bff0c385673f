package io.github.javaopenai.structured;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a record component (or field) whose value may be null: its schema becomes a union with
 * {@code null}, and a null in the reply is accepted. The property stays required, as strict
 * structured outputs demand; the model sends {@code null} rather than leaving it out.
 *
 * <p>Any annotation whose simple name is {@code Nullable} (JSpecify's, Jakarta's, JetBrains')
 * has the same effect, and so does declaring the component as {@link java.util.Optional}.
 *
 * @since 0.1
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD})
public @interface Nullable {
}
