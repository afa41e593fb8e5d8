package io.gureum.ssm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ssm.model.AccessDeniedException;
import software.amazon.awssdk.services.ssm.model.HierarchyLevelLimitExceededException;
import software.amazon.awssdk.services.ssm.model.ValidationException;

class ParameterNamesTest {

    @Test
    void validNames() {
        assertEquals("/a/b-c/d_e.f", ParameterNames.forWrite(" /a/b-c/d_e.f "));
        assertEquals("plain.Name-1", ParameterNames.forWrite("plain.Name-1"));
    }

    @Test
    void reservedPrefixesAnyCaseWithOrWithoutTheSlash() {
        assertThrows(AccessDeniedException.class, () -> ParameterNames.forWrite("AWS-x"));
        assertThrows(AccessDeniedException.class, () -> ParameterNames.forWrite("/aws/x"));
        assertThrows(AccessDeniedException.class, () -> ParameterNames.forWrite("awslimitschecker"),
                "a prefix, not a path segment: AWS refused exactly this name");
        assertThrows(ValidationException.class, () -> ParameterNames.forWrite("ssm-x"));
        assertThrows(ValidationException.class, () -> ParameterNames.forWrite("/Ssm/x"));
    }

    @Test
    void hierarchies() {
        assertThrows(ValidationException.class, () -> ParameterNames.forWrite("a/b"));
        assertThrows(ValidationException.class, () -> ParameterNames.forWrite("/a//b"));
        assertThrows(ValidationException.class, () -> ParameterNames.forWrite("/a/b/"));
        assertEquals(3, ParameterNames.levels("/a/b/c"));
        assertThrows(HierarchyLevelLimitExceededException.class,
                () -> ParameterNames.forWrite("/1/2/3/4/5/6/7/8/9/10/11/12/13/14/15/16"));
        assertTrue(ParameterNames.valid("/1/2"));
        assertFalse(ParameterNames.valid("/a b"));
    }
}
