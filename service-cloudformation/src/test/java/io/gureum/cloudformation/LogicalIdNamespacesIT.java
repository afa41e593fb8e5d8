package io.gureum.cloudformation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.cloudformation.model.Stack;

/**
 * Parameters and Resources share one namespace of logical IDs (a {@code Ref} names either): AWS refuses a template
 * where a parameter has a resource's name ("Template error: all resources and parameters must have unique names.
 * Common name(s):[Name]", the message cfn-lint's E3007 reproduces), in ValidateTemplate, CreateStack and
 * CreateChangeSet alike, and creates nothing. Outputs, Conditions and Mappings may reuse a resource's or
 * parameter's name (SAM's own templates name outputs after their resources).
 */
class LogicalIdNamespacesIT extends CloudFormationTestSupport {
    static final String CLASH = """
            Parameters:
              Name:
                Type: String
                Default: a
              Other:
                Type: String
                Default: b
              Queue:
                Type: String
                Default: c
            Resources:
              Queue:
                Type: Gureum::Test::Thing
              Name:
                Type: Gureum::Test::Thing
              Free:
                Type: Gureum::Test::Thing
            """;
    static final String MESSAGE = "Template error: all resources and parameters must have unique names."
            + " Common name(s):[Queue, Name]";

    @Test
    void aParameterWithAResourcesNameIsRefusedEverywhereATemplateIsRead() {
        AwsServiceException e = fails(400, "ValidationError", () -> cfn.validateTemplate(b -> b.templateBody(CLASH)));
        assertEquals(MESSAGE, e.awsErrorDetails().errorMessage());

        String stack = unique("clash");
        e = fails(400, "ValidationError", () -> cfn.createStack(b -> b.stackName(stack).templateBody(CLASH)));
        assertEquals(MESSAGE, e.awsErrorDetails().errorMessage());
        e = fails(400, "ValidationError", () -> cfn.createChangeSet(b -> b.stackName(stack).changeSetName("c1")
                .changeSetType("CREATE").templateBody(CLASH)));
        assertEquals(MESSAGE, e.awsErrorDetails().errorMessage());
        e = fails(400, "ValidationError", () -> cfn.getTemplateSummary(b -> b.templateBody(CLASH)));
        assertEquals(MESSAGE, e.awsErrorDetails().errorMessage());
        assertTrue(cfn.listStacks().stackSummaries().stream().noneMatch(s -> s.stackName().equals(stack)),
                "neither the stack nor a REVIEW_IN_PROGRESS one for the change set was made");

        // An existing stack cannot be updated to such a template either, directly or through a change set.
        String ok = "Parameters:\n  Name:\n    Type: String\n    Default: a\nResources:\n  Free:\n"
                + "    Type: Gureum::Test::Thing\n";
        cfn.createStack(b -> b.stackName(stack).templateBody(ok));
        assertEquals("CREATE_COMPLETE", settle(stack).stackStatusAsString());
        e = fails(400, "ValidationError", () -> cfn.updateStack(b -> b.stackName(stack).templateBody(CLASH)));
        assertEquals(MESSAGE, e.awsErrorDetails().errorMessage());
        e = fails(400, "ValidationError", () -> cfn.createChangeSet(b -> b.stackName(stack).changeSetName("c2")
                .templateBody(CLASH)));
        assertEquals(MESSAGE, e.awsErrorDetails().errorMessage());
        assertTrue(cfn.listChangeSets(b -> b.stackName(stack)).summaries().isEmpty());
        cfn.deleteStack(b -> b.stackName(stack));
    }

    @Test
    void outputsConditionsAndMappingsMayShareAResourcesOrParametersName() {
        String template = """
                Parameters:
                  Env:
                    Type: String
                    Default: dev
                Mappings:
                  Queue:
                    dev: {Size: small}
                  Env:
                    dev: {Size: large}
                Conditions:
                  Queue: !Equals [!Ref Env, dev]
                  Env: !Equals [!Ref Env, prod]
                Resources:
                  Queue:
                    Type: Gureum::Test::Thing
                    Condition: Queue
                Outputs:
                  Queue:
                    Value: !FindInMap [Queue, !Ref Env, Size]
                  Env:
                    Value: !FindInMap [Env, !Ref Env, Size]
                """;
        assertEquals(1, cfn.validateTemplate(b -> b.templateBody(template)).parameters().size());
        String stack = unique("shared");
        cfn.createStack(b -> b.stackName(stack).templateBody(template));
        Stack s = settle(stack);
        assertEquals("CREATE_COMPLETE", s.stackStatusAsString(), s.stackStatusReason());
        assertEquals("small", s.outputs().stream().filter(o -> o.outputKey().equals("Queue")).findFirst()
                .orElseThrow().outputValue());
        assertEquals("large", s.outputs().stream().filter(o -> o.outputKey().equals("Env")).findFirst()
                .orElseThrow().outputValue());
        cfn.deleteStack(b -> b.stackName(stack));
    }
}
