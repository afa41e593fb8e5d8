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

    /** A template as given and as processed; {@code declared} lists its transforms. */
    record Plan(String body, Template processed, List<String> declared) {
    }

    /** Whom the request's in-process calls act as: its principal, else the account's root user. */
    static Caller caller() {
        RequestContext rc = RequestContext.current();
        return rc.principal() != null ? new Caller(rc.accountId(), rc.region(), rc.principal(), null)
                : Caller.root(rc.accountId(), rc.region());
    }

    static String principal() {
        return caller().principal();
    }

    /** The template body as given or read from its URL, not yet checked. */
    String body(String body, String url) {
        return source.body(body, url, caller());
    }

    Plan plan(String body, String url) {
        Caller caller = caller();
        return planBody(source.body(body, url, caller));
    }

    Plan planBody(String body) {
        Caller caller = caller();
        ObjectNode root = TemplateReader.read(body);
        List<String> declared = Transforms.declared(root);
        String partition = engine.context().topology().partitionOf(caller.region()).id();
        ObjectNode processed = new Transforms(url -> source.fetch(url, caller)).apply(root, caller.accountId(),
                caller.region(), partition);
        return new Plan(body, Template.of(processed), declared);
    }
}
