package org.attributiongraph.source;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import org.attributiongraph.writing.InputValidator;
import org.attributiongraph.writing.Writes;

/**
 * The one way a source is written: {@link #write} holds its rules, for an editor's mutation and a dataset import
 * alike; the mutation here owns its transaction, an import runs in its own.
 */
@ApplicationScoped
public class SourceService {

    @Inject
    InputValidator validator;

    @Transactional
    public Source create(SourceInput input) {
        Source created = new Source();
        created.key = Writes.newKey("source");
        SourceDraft draft = new SourceDraft(input.publisher, input.title, input.url, input.publishedOn);
        return Writes.create(write(created, draft, "source"), "source");
    }

    /** Gives the source what the draft says, then checks it as it would be stored. In the caller's transaction. */
    @Transactional(TxType.MANDATORY)
    public Source write(Source source, SourceDraft draft, String where) {
        source.publisher = draft.publisher();
        source.title = draft.title();
        source.url = draft.url();
        source.publishedOn = draft.publishedOn();
        return validator.check(source, where);
    }
}
