import MarsadMerge
import MarsadModel

/// Stories: which stored articles tell the same story (MarsadMerge.StoryRules), found at
/// ingest through LSH band keys and named things, written with the article.
extension Connection {
    /// Links a stored article to the earlier articles of its story, in the caller's
    /// transaction: writes its signature, band keys and named things, the links found, and
    /// the story id of it and of every article of the stories it joins.
    func linkStory(articleID id: Int64, _ options: MergeOptions) throws(StoreError) {
        let row = try prepare(
            """
            SELECT coalesce(index_title, ''), coalesce(index_text, ''), published, substr(received_at, 1, 10)
            FROM articles WHERE id = ?
            """
        ).bind(.integer(id))
        guard try row.step() else { return }
        let signature = StorySignature(searchForm: (row.text(0) ?? "") + "\n" + (row.text(1) ?? ""))
        let day = DayNumber.of(row.text(2)) ?? DayNumber.of(row.text(3))
        let profile = StoryProfile(signature: signature, day: day)

        try prepare("INSERT OR REPLACE INTO story_signatures (article_id, signature, day) VALUES (?, ?, ?)").bind(
            .integer(id), signature.map { .blob($0.bytes) } ?? .null, day.map { .int($0) } ?? .null
        ).run()
        var candidates: Set<Int64> = []
        if let signature {
            let band = try prepare("INSERT OR IGNORE INTO story_bands (band, key, article_id) VALUES (?, ?, ?)")
            let sharing = try prepare(
                "SELECT article_id FROM story_bands WHERE band = ? AND key = ? AND article_id < ? ORDER BY article_id DESC LIMIT ?")
            for (index, key) in signature.bandKeys.enumerated() {
                try sharing.bind(.int(index), .integer(key), .integer(id), .int(options.candidatesPerBand))
                while try sharing.step() { candidates.insert(sharing.int64(0)) }
                try band.bind(.int(index), .integer(key), .integer(id)).run()
            }
            // Rewrites: articles of the window that share two of the lead's rarest words, the
            // latest `candidatesPerBand` per word and day (a word every article of a burst
            // shares costs no more than a rare one).
            let words = signature.rarestWords(StorySignature.indexedWords)
            if let day, !words.isEmpty {
                let insert = try prepare("INSERT OR IGNORE INTO story_words (word, day, article_id) VALUES (?, ?, ?)")
                let sharing = try prepare(
                    "SELECT article_id FROM story_words WHERE word = ? AND day = ? AND article_id < ? ORDER BY article_id DESC LIMIT ?")
                var shared: [Int64: Int] = [:]
                for word in words {
                    let key = Int64(bitPattern: word)
                    for other in (day - options.stories.windowDays)...(day + options.stories.windowDays) {
                        try sharing.bind(.integer(key), .int(other), .integer(id), .int(options.candidatesPerBand))
                        while try sharing.step() { shared[sharing.int64(0), default: 0] += 1 }
                    }
                    try insert.bind(.integer(key), .int(day), .integer(id)).run()
                }
                for (article, count) in shared where count >= 2 { candidates.insert(article) }
            }
        }

        // Newest first; a candidate of a story already joined adds nothing (a burst of one
        // wire text compares with one article of its story, not with all of them).
        var stories: Set<Int64> = [id]
        let storyOf = try prepare("SELECT story_id FROM articles WHERE id = ?")
        let other = try prepare("SELECT signature, day FROM story_signatures WHERE article_id = ?")
        let link = try prepare("INSERT OR REPLACE INTO story_links (article_id, other_id, reason, shingles, lead) VALUES (?, ?, ?, ?, ?)")
        for candidate in candidates.sorted(by: >) {
            try storyOf.bind(.integer(candidate))
            guard try storyOf.step() else { continue }
            let story = storyOf.isNull(0) ? candidate : storyOf.int64(0)
            if stories.contains(story) { continue }
            try other.bind(.integer(candidate))
            guard try other.step() else { continue }
            let candidateProfile = StoryProfile(signature: StorySignature(bytes: other.blob(0)), day: other.isNull(1) ? nil : Int(other.int64(1)))
            guard let found = StoryRules.link(profile, candidateProfile, options.stories) else { continue }
            try link.bind(.integer(id), .integer(candidate), .text(found.reason.rawValue), .real(found.shingles), .real(found.lead)).run()
            stories.insert(story)
        }
        // The story's id is the smallest article id of all it now holds.
        let story = stories.min()!
        let relabel = try prepare("UPDATE articles SET story_id = ? WHERE story_id = ?")
        for old in stories where old != story && old != id { try relabel.bind(.integer(story), .integer(old)).run() }
        try prepare("UPDATE articles SET story_id = ? WHERE id = ?").bind(.integer(story), .integer(id)).run()
    }
}
