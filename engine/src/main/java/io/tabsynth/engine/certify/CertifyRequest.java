package io.tabsynth.engine.certify;

import java.nio.file.Path;

/**
 * What {@code tabsynth certify} is asked to do.
 *
 * @param dataset      the synthetic dataset to certify (it must have verifiable lineage)
 * @param report       the evaluation report (JSON)
 * @param cardInfo     user-supplied card fields (JSON), or {@code null}
 * @param certificate  where to write the signed certificate
 * @param cardMarkdown where to write the data card as Markdown, or {@code null}
 * @param cardHtml     where to write the data card as HTML, or {@code null}
 * @param croissant    where to write Croissant 1.1 JSON-LD with RAI fields, or {@code null}
 * @param allowUnverifiedModel certify even when the dataset's lineage does not reach real data (a model of
 *                     unknown origin); the certificate and the data card then say so
 */
public record CertifyRequest(Path dataset, Path report, Path cardInfo, Path certificate, Path cardMarkdown, Path cardHtml,
                             Path croissant, boolean allowUnverifiedModel) {
    /** A request that refuses a dataset whose lineage does not reach real data. */
    public CertifyRequest(Path dataset, Path report, Path cardInfo, Path certificate, Path cardMarkdown, Path cardHtml,
                          Path croissant) {
        this(dataset, report, cardInfo, certificate, cardMarkdown, cardHtml, croissant, false);
    }
}
