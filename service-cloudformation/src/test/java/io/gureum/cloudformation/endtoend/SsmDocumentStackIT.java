package io.gureum.cloudformation.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.core.testing.AwsClients;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.InvalidDocumentException;

/** AWS::SSM::Document deployed by CreateStack (Ref = name), given a new version by UpdateStack, deleted. */
class SsmDocumentStackIT extends EndToEndSupport {
    private static final String TEMPLATE = """
            Parameters:
              Greeting: {Type: String}
            Resources:
              Hello:
                Type: AWS::SSM::Document
                Properties:
                  DocumentType: Command
                  DocumentFormat: YAML
                  UpdateMethod: NewVersion
                  Content:
                    schemaVersion: '2.2'
                    description: !Ref Greeting
                    mainSteps:
                      - action: aws:runShellScript
                        name: hello
                        inputs:
                          runCommand: [echo hello]
                  Tags:
                    - {Key: team, Value: blue}
            Outputs:
              Name: {Value: !Ref Hello}
            """;

    @Test
    void aDocumentIsCreatedVersionedAndDeleted() {
        String stack = unique("ssm-doc");
        cfn.createStack(b -> b.stackName(stack).templateBody(TEMPLATE)
                .parameters(p -> p.parameterKey("Greeting").parameterValue("first")));
        Stack created = settle(stack);
        assertEquals("CREATE_COMPLETE", created.stackStatusAsString(), created.stackStatusReason());
        String name = output(created, "Name");
        assertTrue(name.startsWith(stack + "-Hello-"), name);
        try (SsmClient ssm = AwsClients.client(SsmClient.builder(), gureum)) {
            var d = ssm.describeDocument(b -> b.name(name)).document();
            assertEquals("first", d.description());
            assertEquals("YAML", d.documentFormatAsString());
            assertTrue(d.tags().stream().anyMatch(t -> t.key().equals("team") && t.value().equals("blue")));

            cfn.updateStack(b -> b.stackName(stack).templateBody(TEMPLATE)
                    .parameters(p -> p.parameterKey("Greeting").parameterValue("second")));
            Stack updated = settle(stack);
            assertEquals("UPDATE_COMPLETE", updated.stackStatusAsString(), updated.stackStatusReason());
            assertEquals(name, output(updated, "Name"), "NewVersion keeps the document");
            var now = ssm.describeDocument(b -> b.name(name)).document();
            assertEquals("2", now.defaultVersion());
            assertEquals("second", now.description());

            cfn.deleteStack(b -> b.stackName(stack));
            assertEquals("DELETE_COMPLETE", settle(updated.stackId()).stackStatusAsString());
            assertThrows(InvalidDocumentException.class, () -> ssm.describeDocument(b -> b.name(name)));
        }
    }
}
