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

/** A date field both databases can store ({@link StorableDates}), checked with the entity's other constraints. */
@Documented
@Constraint(validatedBy = StorableDate.Check.class)
@Target(FIELD)
@Retention(RUNTIME)
public @interface StorableDate {

    String message() default "must be a date from 4713 BC (-4712-01-01) to 5874897-12-31";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Check implements ConstraintValidator<StorableDate, LocalDate> {
        @Override
        public boolean isValid(LocalDate date, ConstraintValidatorContext context) {
            return date == null || StorableDates.storable(date);
        }
    }
}
