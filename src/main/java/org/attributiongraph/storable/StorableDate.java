package org.attributiongraph.storable;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.time.LocalDate;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * A date both databases can store: PostgreSQL's dates run from 4713 BC to 5874897 AD, H2's and Java's much further,
 * so a date beyond PostgreSQL's range would be written on H2 and fail on PostgreSQL. Checked with the entity's other
 * constraints before it is written; date filters are {@link #clamp clamped} to the range instead (nothing lies beyond).
 */
@Documented
@Constraint(validatedBy = StorableDate.Check.class)
@Target(FIELD)
@Retention(RUNTIME)
public @interface StorableDate {

    LocalDate EARLIEST = LocalDate.of(-4712, 1, 1);
    LocalDate LATEST = LocalDate.of(5_874_897, 12, 31);

    String message() default "must be a date from 4713 BC (-4712-01-01) to 5874897-12-31";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** The date within the storable range: a filter bound beyond it selects what the range's end selects. */
    static LocalDate clamp(LocalDate date) {
        if (date == null) {
            return null;
        }
        return date.isBefore(EARLIEST) ? EARLIEST : date.isAfter(LATEST) ? LATEST : date;
    }

    class Check implements ConstraintValidator<StorableDate, LocalDate> {
        @Override
        public boolean isValid(LocalDate date, ConstraintValidatorContext context) {
            return date == null || !date.isBefore(EARLIEST) && !date.isAfter(LATEST);
        }
    }
}
