package io.gureum.ec2common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.core.error.AwsException;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class Ec2ErrorTest {

    @Test
    void templatesAreFilledInAwsWording() {
        AwsException e = Ec2Error.INVALID_VPC_ID_NOT_FOUND.of("vpc-1");
        assertEquals("InvalidVpcID.NotFound", e.code());
        assertEquals(400, e.status());
        assertEquals("The vpc ID 'vpc-1' does not exist", e.getMessage());
        assertEquals("The following supplied instance types do not exist: [t2.nope]",
                Ec2Error.INVALID_INSTANCE_TYPE.of("t2.nope").getMessage());
    }

    @Test
    void dryRunIs412AndEveryOtherCodeAClientError() {
        assertEquals(412, Ec2Errors.dryRun().status());
        assertEquals("DryRunOperation", assertThrows(AwsException.class, () -> Ec2Errors.checkDryRun(true)).code());
        Ec2Errors.checkDryRun(null);
        for (Ec2Error error : Ec2Error.values()) {
            if (error != Ec2Error.DRY_RUN_OPERATION) {
                assertEquals(400, error.status(), error.code());
            }
        }
    }

    @Test
    void eachCodeIsCataloguedOnce() {
        Set<String> codes = new HashSet<>();
        for (Ec2Error error : Ec2Error.values()) {
            assertTrue(codes.add(error.code()), error.code());
        }
    }

    @Test
    void aCodeWithoutTemplateMustBeWordedByTheCaller() {
        assertThrows(IllegalStateException.class, () -> Ec2Error.INCORRECT_STATE.of());
        assertEquals("x", Ec2Error.INCORRECT_STATE.withMessage("x").getMessage());
    }
}
