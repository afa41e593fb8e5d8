package io.gureum.cloudformation.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.core.testing.AwsClients;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudformation.model.Capability;
import software.amazon.awssdk.services.cloudformation.model.Parameter;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.Tag;

/**
 * The IAM types of issue #17 (inline policies of a role, a user and a group, a user-to-group addition, a
 * service-linked role, a SAML provider, a server certificate, a virtual MFA device) deployed with CreateStack,
 * changed in place with UpdateStack and removed with DeleteStack, checked through IAM and the outputs.
 */
class IamTypesIT extends EndToEndSupport {
    static IamClient iam;

    @BeforeAll
    static void iamClient() {
        iam = AwsClients.client(IamClient.builder(), gureum);
    }

    @AfterAll
    static void close() {
        iam.close();
    }

    private static final String TEMPLATE = """
            Parameters:
              CertBody: {Type: String, NoEcho: true}
              CertKey: {Type: String, NoEcho: true}
              Metadata: {Type: String}
              Suffix: {Type: String}
              Action: {Type: String, Default: 's3:GetObject'}
              Team: {Type: String, Default: a}
              WithBob: {Type: String, Default: 'false'}
            Conditions:
              Bob: !Equals [!Ref WithBob, 'true']
            Resources:
              Role:
                Type: AWS::IAM::Role
                Properties:
                  AssumeRolePolicyDocument:
                    Version: '2012-10-17'
                    Statement: [{Effect: Allow, Principal: {Service: ec2.amazonaws.com}, Action: 'sts:AssumeRole'}]
              Alice:
                Type: AWS::IAM::User
              Bob:
                Type: AWS::IAM::User
              Crew:
                Type: AWS::IAM::Group
              Addition:
                Type: AWS::IAM::UserToGroupAddition
                Properties:
                  GroupName: !Ref Crew
                  Users: !If [Bob, [!Ref Alice, !Ref Bob], [!Ref Alice]]
              RoleInline:
                Type: AWS::IAM::RolePolicy
                Properties:
                  PolicyName: read
                  RoleName: !Ref Role
                  PolicyDocument:
                    Version: '2012-10-17'
                    Statement: [{Effect: Allow, Action: !Ref Action, Resource: '*'}]
              UserInline:
                Type: AWS::IAM::UserPolicy
                Properties:
                  PolicyName: read
                  UserName: !Ref Alice
                  PolicyDocument:
                    Version: '2012-10-17'
                    Statement: [{Effect: Allow, Action: !Ref Action, Resource: '*'}]
              GroupInline:
                Type: AWS::IAM::GroupPolicy
                Properties:
                  PolicyName: read
                  GroupName: !Ref Crew
                  PolicyDocument:
                    Version: '2012-10-17'
                    Statement: [{Effect: Allow, Action: !Ref Action, Resource: '*'}]
              Linked:
                Type: AWS::IAM::ServiceLinkedRole
                Properties:
                  AWSServiceName: autoscaling.amazonaws.com
                  CustomSuffix: !Ref Suffix
                  Description: !Sub 'team ${Team}'
              Idp:
                Type: AWS::IAM::SAMLProvider
                Properties:
                  SamlMetadataDocument: !Ref Metadata
                  Tags: [{Key: Team, Value: !Ref Team}]
              Cert:
                Type: AWS::IAM::ServerCertificate
                Properties:
                  CertificateBody: !Ref CertBody
                  PrivateKey: !Ref CertKey
                  Path: !Sub '/${Team}/'
                  Tags: [{Key: Team, Value: !Ref Team}]
              Mfa:
                Type: AWS::IAM::VirtualMFADevice
                Properties:
                  Path: /course/
                  Tags: [{Key: Team, Value: !Ref Team}]
            Outputs:
              RoleInline: {Value: !Ref RoleInline}
              UserInline: {Value: !Ref UserInline}
              GroupInline: {Value: !Ref GroupInline}
              Addition: {Value: !Ref Addition}
              AdditionId: {Value: !GetAtt Addition.Id}
              Linked: {Value: !Ref Linked}
              LinkedName: {Value: !GetAtt Linked.RoleName}
              Idp: {Value: !Ref Idp}
              IdpArn: {Value: !GetAtt Idp.Arn}
              IdpUuid: {Value: !GetAtt Idp.SamlProviderUUID}
              Cert: {Value: !Ref Cert}
              CertArn: {Value: !GetAtt Cert.Arn}
              Mfa: {Value: !Ref Mfa}
              MfaSerial: {Value: !GetAtt Mfa.SerialNumber}
            """;

    private static String resource(String path) {
        try (InputStream in = IamTypesIT.class.getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String samlMetadata() throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(gureum.endpoint().resolve(
                "/_gureum/sts/saml/metadata")).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private static Parameter p(String key, String value) {
        return Parameter.builder().parameterKey(key).parameterValue(value).build();
    }

    private static Map<String, String> tags(List<Tag> tags) {
        return tags.stream().collect(Collectors.toMap(Tag::key, Tag::value));
    }

    private static String inline(String document) {
        return URLDecoder.decode(document, StandardCharsets.UTF_8);
    }

    @Test
    void iamTypesAreCreatedUpdatedInPlaceAndDeleted() throws Exception {
        String name = unique("iam");
        String suffix = name.substring(name.length() - 8);
        List<Parameter> base = List.of(p("CertBody", resource("/certs/server-cert.pem")),
                p("CertKey", resource("/certs/server-key.pem")), p("Metadata", samlMetadata()), p("Suffix", suffix));
        String id = cfn.createStack(b -> b.stackName(name).templateBody(TEMPLATE).parameters(base)
                .capabilities(Capability.CAPABILITY_IAM)).stackId();
        Stack s = settle(id);
        assertEquals("CREATE_COMPLETE", s.stackStatusAsString(), s.stackStatusReason());
        String role = physicalId(name, "Role");
        String alice = physicalId(name, "Alice");
        String crew = physicalId(name, "Crew");

        assertEquals("read|" + role, output(s, "RoleInline"));
        assertEquals("read|" + alice, output(s, "UserInline"));
        assertEquals("read|" + crew, output(s, "GroupInline"));
        assertTrue(inline(iam.getRolePolicy(b -> b.roleName(role).policyName("read")).policyDocument())
                .contains("s3:GetObject"));
        assertTrue(inline(iam.getUserPolicy(b -> b.userName(alice).policyName("read")).policyDocument())
                .contains("s3:GetObject"));
        assertTrue(inline(iam.getGroupPolicy(b -> b.groupName(crew).policyName("read")).policyDocument())
                .contains("s3:GetObject"));
        assertEquals(List.of(alice), members(crew));
        assertTrue(output(s, "Addition").startsWith(name + "-Addition-"), output(s, "Addition"));
        assertEquals(output(s, "Addition"), output(s, "AdditionId"));

        String linked = output(s, "Linked");
        assertEquals("AWSServiceRoleForAutoScaling_" + suffix, linked);
        assertEquals(linked, output(s, "LinkedName"));
        assertEquals("team a", iam.getRole(b -> b.roleName(linked)).role().description());
        assertEquals("/aws-service-role/autoscaling.amazonaws.com/", iam.getRole(b -> b.roleName(linked)).role()
                .path());

        String idp = output(s, "Idp");
        assertEquals(idp, output(s, "IdpArn"));
        assertEquals(iam.getSAMLProvider(b -> b.samlProviderArn(idp)).samlProviderUUID(), output(s, "IdpUuid"));
        assertTrue(idp.contains(":saml-provider/" + name + "-Idp-"), idp);
        assertEquals("a", tags(iam.listSAMLProviderTags(b -> b.samlProviderArn(idp)).tags()).get("Team"));

        String cert = output(s, "Cert");
        var certMeta = iam.getServerCertificate(b -> b.serverCertificateName(cert)).serverCertificate()
                .serverCertificateMetadata();
        assertEquals(certMeta.arn(), output(s, "CertArn"));
        assertEquals("/a/", certMeta.path());
        String serial = output(s, "Mfa");
        assertEquals(serial, output(s, "MfaSerial"));
        assertTrue(serial.contains(":mfa/course/"), serial);
        assertEquals("a", tags(iam.listMFADeviceTags(b -> b.serialNumber(serial)).tags()).get("Team"));

        // Everything here changes in place.
        List<Parameter> next = new java.util.ArrayList<>(base);
        next.addAll(List.of(p("Action", "s3:PutObject"), p("Team", "b"), p("WithBob", "true")));
        cfn.updateStack(b -> b.stackName(name).templateBody(TEMPLATE).parameters(next)
                .capabilities(Capability.CAPABILITY_IAM));
        Stack u = settle(id);
        assertEquals("UPDATE_COMPLETE", u.stackStatusAsString(), u.stackStatusReason());
        for (String key : List.of("RoleInline", "UserInline", "GroupInline", "Addition", "Linked", "Idp", "Cert",
                "Mfa")) {
            assertEquals(output(s, key), output(u, key), key + " is updated in place");
        }
        assertTrue(inline(iam.getRolePolicy(b -> b.roleName(role).policyName("read")).policyDocument())
                .contains("s3:PutObject"));
        assertTrue(inline(iam.getGroupPolicy(b -> b.groupName(crew).policyName("read")).policyDocument())
                .contains("s3:PutObject"));
        assertEquals(List.of(alice, physicalId(name, "Bob")).stream().sorted().toList(), members(crew));
        assertEquals("team b", iam.getRole(b -> b.roleName(linked)).role().description());
        assertEquals("b", tags(iam.listSAMLProviderTags(b -> b.samlProviderArn(idp)).tags()).get("Team"));
        assertEquals("/b/", iam.getServerCertificate(b -> b.serverCertificateName(cert)).serverCertificate()
                .serverCertificateMetadata().path());
        assertEquals("b", tags(iam.listMFADeviceTags(b -> b.serialNumber(serial)).tags()).get("Team"));

        cfn.deleteStack(b -> b.stackName(id));
        assertEquals("DELETE_COMPLETE", settle(id).stackStatusAsString());
        assertThrows(NoSuchEntityException.class, () -> iam.getRole(b -> b.roleName(linked)));
        assertThrows(NoSuchEntityException.class, () -> iam.getSAMLProvider(b -> b.samlProviderArn(idp)));
        assertThrows(NoSuchEntityException.class, () -> iam.getServerCertificate(b -> b.serverCertificateName(cert)));
        assertTrue(iam.listVirtualMFADevices().virtualMFADevices().stream()
                .noneMatch(d -> d.serialNumber().equals(serial)));
        assertThrows(NoSuchEntityException.class, () -> iam.getGroup(b -> b.groupName(crew)));
    }

    private static List<String> members(String group) {
        return iam.getGroup(b -> b.groupName(group)).users().stream().map(u -> u.userName()).sorted().toList();
    }
}
