package org.attributiongraph.writing;

import java.util.Comparator;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import org.attributiongraph.errors.InvalidInputException;

/**
 * Checks an entity against the constraints declared on it before it is written, and turns what fails into one
 * VALIDATION error that says where (the record or argument) and what, e.g. "actions[3]: title must not be blank".
 */
@ApplicationScoped
public class InputValidator {

    @Inject
    Validator validator;

    public <T> T check(T entity, String where) {
        var violations = validator.validate(entity);
        if (!violations.isEmpty()) {
            throw new InvalidInputException(where + ": " + violations.stream()
                    .sorted(Comparator.comparing((ConstraintViolation<T> v) -> v.getPropertyPath().toString()))
                    .map(v -> v.getPropertyPath() + " " + v.getMessage())
                    .collect(Collectors.joining("; ")));
        }
        return entity;
    }
}
