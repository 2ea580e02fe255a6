package org.attributiongraph;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import graphql.language.AstPrinter;
import graphql.language.EnumTypeDefinition;
import graphql.language.EnumValueDefinition;
import graphql.language.FieldDefinition;
import graphql.language.InputObjectTypeDefinition;
import graphql.language.InputValueDefinition;
import graphql.language.ObjectTypeDefinition;
import graphql.language.TypeDefinition;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import io.quarkus.test.junit.QuarkusTest;

/** The served schema holds every type, field, argument and enum value of the contract, with the same types. */
@QuarkusTest
class ContractTest {

    @Test
    void servedSchemaContainsTheContract() throws IOException {
        TypeDefinitionRegistry contract = parse(contractText());
        TypeDefinitionRegistry served = parse(given().get("/graphql/schema.graphql").then().statusCode(200)
                .extract().asString());
        List<String> differences = new ArrayList<>();
        for (TypeDefinition<?> expected : contract.types().values()) {
            TypeDefinition<?> actual = served.getType(expected.getName()).orElse(null);
            if (actual == null) {
                differences.add("missing type " + expected.getName());
            } else if (expected instanceof ObjectTypeDefinition object) {
                compareFields(object.getName(), object.getFieldDefinitions(),
                        ((ObjectTypeDefinition) actual).getFieldDefinitions(), differences);
            } else if (expected instanceof InputObjectTypeDefinition input) {
                compareInputs(input.getName(), input.getInputValueDefinitions(),
                        ((InputObjectTypeDefinition) actual).getInputValueDefinitions(), differences);
            } else if (expected instanceof EnumTypeDefinition enumType) {
                List<String> values = ((EnumTypeDefinition) actual).getEnumValueDefinitions().stream()
                        .map(EnumValueDefinition::getName).toList();
                enumType.getEnumValueDefinitions().stream().map(EnumValueDefinition::getName)
                        .filter(value -> !values.contains(value))
                        .forEach(value -> differences.add("enum " + enumType.getName() + " lacks " + value));
            }
        }
        assertTrue(differences.isEmpty(), () -> String.join("\n", differences));
    }

    @Test
    void consoleShipsWithTheApp() {
        given().get("/q/graphql-ui/").then().statusCode(200);
    }

    private static void compareFields(String type, List<FieldDefinition> expected, List<FieldDefinition> actual,
            List<String> differences) {
        Map<String, FieldDefinition> byName = byName(actual, FieldDefinition::getName);
        for (FieldDefinition field : expected) {
            FieldDefinition served = byName.get(field.getName());
            String where = type + "." + field.getName();
            if (served == null) {
                differences.add("missing field " + where);
                continue;
            }
            sameType(where, field.getType(), served.getType(), differences);
            compareInputs(where, field.getInputValueDefinitions(), served.getInputValueDefinitions(), differences);
        }
    }

    private static void compareInputs(String where, List<InputValueDefinition> expected,
            List<InputValueDefinition> actual, List<String> differences) {
        Map<String, InputValueDefinition> byName = byName(actual, InputValueDefinition::getName);
        for (InputValueDefinition input : expected) {
            InputValueDefinition served = byName.get(input.getName());
            String at = where + "(" + input.getName() + ")";
            if (served == null) {
                differences.add("missing argument or input field " + at);
                continue;
            }
            sameType(at, input.getType(), served.getType(), differences);
            if (input.getDefaultValue() != null) {
                String servedDefault = served.getDefaultValue() == null ? "none" : AstPrinter.printAst(served.getDefaultValue());
                if (!AstPrinter.printAst(input.getDefaultValue()).equals(servedDefault)) {
                    differences.add(at + " defaults to " + servedDefault + ", contract says "
                            + AstPrinter.printAst(input.getDefaultValue()));
                }
            }
        }
    }

    private static void sameType(String where, graphql.language.Type<?> expected, graphql.language.Type<?> actual,
            List<String> differences) {
        String want = AstPrinter.printAst(expected);
        String got = AstPrinter.printAst(actual);
        if (!want.equals(got)) {
            differences.add(where + " is " + got + ", contract says " + want);
        }
    }

    private static <T> Map<String, T> byName(List<T> items, Function<T, String> name) {
        return items.stream().collect(Collectors.toMap(name, Function.identity()));
    }

    private static TypeDefinitionRegistry parse(String sdl) {
        return new SchemaParser().parse(sdl);
    }

    private static String contractText() throws IOException {
        try (InputStream in = ContractTest.class.getResourceAsStream("/contract.graphql")) {
            assertNotNull(in, "contract.graphql is a test resource");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
