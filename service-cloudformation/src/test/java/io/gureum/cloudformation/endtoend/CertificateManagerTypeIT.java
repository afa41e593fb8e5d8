package io.gureum.cloudformation.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.gureum.core.testing.AwsClients;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.acm.AcmClient;
import software.amazon.awssdk.services.acm.model.CertificateDetail;
import software.amazon.awssdk.services.acm.model.CertificateSummary;
import software.amazon.awssdk.services.cloudformation.model.Stack;

/**
 * AWS::CertificateManager::Account deployed, updated and deleted; AWS::CertificateManager::Certificate requested
 * and waited for as AWS does, failing (and rolled back) when ACM reports VALIDATION_TIMED_OUT on the clock, since
 * Gureum can see no validation; all checked through ACM.
 */
class CertificateManagerTypeIT extends EndToEndSupport {
    static AcmClient acm;

    @BeforeAll
    static void acm() {
        acm = AwsClients.client(AcmClient.builder(), gureum);
    }

    @AfterAll
    static void close() {
        acm.close();
    }

    private static String reasons(String stack) {
        return cfn.describeStackEvents(b -> b.stackName(stack)).stackEvents().stream()
                .filter(e -> e.resourceStatusReason() != null)
                .map(e -> e.logicalResourceId() + " " + e.resourceStatusAsString() + ": " + e.resourceStatusReason())
                .collect(Collectors.joining("\n"));
    }

    private static final String ACCOUNT = """
            Resources:
              Config:
                Type: AWS::CertificateManager::Account
                Properties:
                  ExpiryEventsConfiguration: {DaysBeforeExpiry: %d}
            Outputs:
              Ref: {Value: !Ref Config}
              AccountId: {Value: !GetAtt Config.AccountId}
            """;

    @Test
    void accountConfigurationDeployedUpdatedAndDeleted() {
        String id = cfn.createStack(b -> b.stackName(unique("acm-account")).templateBody(ACCOUNT.formatted(30)))
                .stackId();
        Stack s = settle(id);
        assertEquals("CREATE_COMPLETE", s.stackStatusAsString(), reasons(id));
        assertEquals("000000000000", output(s, "Ref"));
        assertEquals("000000000000", output(s, "AccountId"));
        assertEquals(30, acm.getAccountConfiguration(b -> { }).expiryEvents().daysBeforeExpiry());
        cfn.updateStack(b -> b.stackName(id).templateBody(ACCOUNT.formatted(10)));
        assertEquals("UPDATE_COMPLETE", settle(id).stackStatusAsString(), reasons(id));
        assertEquals(10, acm.getAccountConfiguration(b -> { }).expiryEvents().daysBeforeExpiry());
        cfn.deleteStack(b -> b.stackName(id));
        assertEquals("DELETE_COMPLETE", settle(id).stackStatusAsString(), reasons(id));
        assertEquals(45, acm.getAccountConfiguration(b -> { }).expiryEvents().daysBeforeExpiry());
    }

    private static final String CERTIFICATE = """
            Resources:
              Cert:
                Type: AWS::CertificateManager::Certificate
                Properties:
                  DomainName: %s
                  SubjectAlternativeNames: [%s, "*.%s"]
                  ValidationMethod: DNS
                  KeyAlgorithm: EC_prime256v1
                  Tags: [{Key: app, Value: shop}]
            Outputs:
              Arn: {Value: !Ref Cert}
            """;

    @Test
    void certificateWaitsForValidationAndRollsBackWhenItTimesOut() {
        String domain = unique("shop") + ".example.com";
        String id = cfn.createStack(b -> b.stackName(unique("acm-cert")).templateBody(CERTIFICATE.formatted(domain,
                domain, domain))).stackId();
        CertificateSummary requested = null;
        for (int i = 0; i < 300 && requested == null; i++) {
            requested = acm.listCertificates(b -> b.includes(f -> f.keyTypesWithStrings("EC_prime256v1")))
                    .certificateSummaryList().stream().filter(c -> c.domainName().equals(domain)).findFirst()
                    .orElse(null);
            if (requested == null) {
                sleep();
            }
        }
        if (requested == null) {
            fail("the stack never requested the certificate: " + reasons(id));
        }
        String arn = requested.certificateArn();
        CertificateDetail d = acm.describeCertificate(b -> b.certificateArn(arn)).certificate();
        assertEquals("PENDING_VALIDATION", d.statusAsString());
        assertEquals(List.of(domain, "*." + domain), d.subjectAlternativeNames());
        assertEquals("DNS", d.domainValidationOptions().get(0).validationMethodAsString());
        assertTrue(acm.listTagsForCertificate(b -> b.certificateArn(arn)).tags().stream()
                .anyMatch(t -> t.key().equals("app") && t.value().equals("shop")));
        assertEquals("CREATE_IN_PROGRESS", cfn.describeStacks(b -> b.stackName(id)).stacks().get(0)
                .stackStatusAsString(), "CloudFormation waits for the validation, as on AWS");

        gureum.context().clock().advance(Duration.ofHours(72));
        Stack s = settle(id);
        assertEquals("ROLLBACK_COMPLETE", s.stackStatusAsString(), reasons(id));
        assertTrue(reasons(id).contains("VALIDATION_TIMED_OUT"), reasons(id));
        assertTrue(acm.listCertificates(b -> b.includes(f -> f.keyTypesWithStrings("EC_prime256v1")))
                .certificateSummaryList().stream().noneMatch(c -> c.certificateArn().equals(arn)),
                "the rollback deleted the certificate");
    }

    @Test
    void route53ValidationRecordsAreRefused() {
        String id = cfn.createStack(b -> b.stackName(unique("acm-r53")).templateBody("""
                Resources:
                  Cert:
                    Type: AWS::CertificateManager::Certificate
                    Properties:
                      DomainName: r53.example.com
                      ValidationMethod: DNS
                      DomainValidationOptions: [{DomainName: r53.example.com, HostedZoneId: Z123456ABCDEFG}]
                """)).stackId();
        Stack s = settle(id);
        assertEquals("ROLLBACK_COMPLETE", s.stackStatusAsString(), reasons(id));
        assertTrue(reasons(id).contains("Route 53"), reasons(id));
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
