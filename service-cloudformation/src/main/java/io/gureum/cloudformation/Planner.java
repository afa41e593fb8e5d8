package io.gureum.cloudformation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gureum.cloudformation.engine.Engine;
import io.gureum.cloudformation.template.Template;
import io.gureum.cloudformation.template.TemplateReader;
import io.gureum.cloudformation.transform.Transforms;
import io.gureum.core.protocol.RequestContext;
import io.gureum.core.spi.Caller;
import java.util.List;

/** Turns a request's template (body, URL or the stack's previous one) into a processed, checked template. */
final class Planner {
    private final Engine engine;
    private final TemplateSource source;

    Planner(Engine engine) {
        this.engine = engine;
        this.source = new TemplateSource(engine.context().clients());
    }

    /**
     * A template as given and as processed; {@code declared} lists its transforms, {@code ranMacros} whether a
     * template macro processed it.
     */
    record Plan(String body, Template processed, List<String> declared, boolean ranMacros) {

        /** Whether the template has transforms or macros: CreateStack and UpdateStack need CAPABILITY_AUTO_EXPAND. */
        boolean expands() {
            return !declared.isEmpty() || ranMacros;
        }
    }

    /**
     * Whom the request's in-process calls act as, since CloudFormation acts with its caller's permissions (without a
     * service role): an in-process request's principal; else whoever signed the request, the IAM user or role
     * session its access key belongs to; else (an account's own key) the account's root user. Under
     * {@code --enforce-iam} IAM decides each of a stack's service calls for that principal.
     */
    static Caller caller(Engine engine) {
        RequestContext rc = RequestContext.current();
        if (rc.principal() != null) {
            return new Caller(rc.accountId(), rc.region(), rc.principal(), null);
        }
        String signer = engine.context().accounts().lookup(rc.accessKeyId())
                .map(io.gureum.core.auth.Accounts.AccessKey::principalArn).filter(a -> a.startsWith("arn:"))
                .orElse(null);
        return signer != null ? new Caller(rc.accountId(), rc.region(), signer, null)
                : Caller.root(rc.accountId(), rc.region());
    }

    static String principal(Engine engine) {
        return caller(engine).principal();
    }

    /** The template body as given or read from its URL, not yet checked. */
    String body(String body, String url) {
        return source.body(body, url, caller(engine));
    }

    Plan plan(String body, String url) {
        return plan(body, url, null);
    }

    /** With the request's parameters, which template macros get as {@code templateParameterValues}. */
    Plan plan(String body, String url, TemplateMacros.Inputs inputs) {
        Caller caller = caller(engine);
        return planBody(source.body(body, url, caller), inputs);
    }

    Plan planBody(String body) {
        return planBody(body, null);
    }

    Plan planBody(String body, TemplateMacros.Inputs inputs) {
        Caller caller = caller(engine);
        ObjectNode root = TemplateReader.read(body);
        List<String> declared = Transforms.declared(root);
        String partition = engine.context().topology().partitionOf(caller.region()).id();
        Transforms transforms = new Transforms(url -> source.fetch(url, caller), new TemplateMacros(engine, caller,
                root, inputs));
        ObjectNode processed = transforms.apply(root, caller.accountId(), caller.region(), partition);
        return new Plan(body, Template.of(processed), declared, transforms.ranMacros());
    }
}
