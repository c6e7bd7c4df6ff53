#!/usr/bin/env bash
# Fuzzes the CSDL reader (CSDLReader.read(bytes:file:) + CSDLDocument.counts()) with libFuzzer.
#
# Usage: Benchmarks/fuzz.sh [SECONDS] [extra libFuzzer flags...]
#   SECONDS           -max_total_time (default 60)
# Environment:
#   FUZZ_WORK=DIR     work dir (seeds, corpus, crash artifacts); default: a new ${TMPDIR:-/tmp}/odata-fuzz.XXXXXX.
#                     Reuse one to keep the grown corpus between runs.
#   FUZZ_SANITIZERS   swiftc -sanitize= value (default fuzzer,address; "fuzzer" alone runs ~2x faster)
#
# The fuzzer binary is built into .build-fuzz (separate from the normal .build). Crash/timeout/leak inputs are
# written to $FUZZ_WORK/artifacts/; replay one with the normal build of the same target:
#   swift build --product odata-csdl-fuzz && .build/debug/odata-csdl-fuzz $FUZZ_WORK/artifacts/crash-...
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SECONDS_TOTAL="${1:-60}"
if [ $# -ge 1 ]; then shift; fi
SANITIZERS="${FUZZ_SANITIZERS:-fuzzer,address}"
WORK="${FUZZ_WORK:-$(mktemp -d "${TMPDIR:-/tmp}/odata-fuzz.XXXXXX")}"
SEEDS="$WORK/seeds"
CORPUS="$WORK/corpus"
ARTIFACTS="$WORK/artifacts"
mkdir -p "$SEEDS" "$CORPUS" "$ARTIFACTS"

# --- build ----------------------------------------------------------------------------------------------------
# -DFUZZING selects the libFuzzer entry points in Sources/odata-csdl-fuzz/FuzzEntry.swift; -parse-as-library
# because that file then has no @main; the Extern feature is for the @_extern(c) declaration of
# LLVMFuzzerRunDriver (SwiftPM aliases `main` to odata_csdl_fuzz_main, so libFuzzer's own main is not used).
BUILD=(swift build -c release --product odata-csdl-fuzz --scratch-path .build-fuzz
       -Xswiftc "-sanitize=$SANITIZERS" -Xswiftc -DFUZZING -Xswiftc -parse-as-library
       -Xswiftc -enable-experimental-feature -Xswiftc Extern)
echo "==> (cd $ROOT && ${BUILD[*]})"
(cd "$ROOT" && "${BUILD[@]}")
FUZZER="$ROOT/.build-fuzz/release/odata-csdl-fuzz"
[ -x "$FUZZER" ] || { echo "fuzz.sh: error: fuzzer binary not found: $FUZZER" >&2; exit 1; }

# --- seeds (temp dir only; nothing is copied into the repository) ---------------------------------------------
EDMX_OPEN='<?xml version="1.0" encoding="utf-8"?>
<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">'
seed() { printf '%s\n' "$2" > "$SEEDS/$1.xml"; }

seed minimal "$EDMX_OPEN
<edmx:DataServices><Schema Namespace=\"A\" xmlns=\"http://docs.oasis-open.org/odata/ns/edm\"/></edmx:DataServices></edmx:Edmx>"

seed types "$EDMX_OPEN
<edmx:Reference Uri=\"https://oasis-tcs.github.io/odata-vocabularies/vocabularies/Org.OData.Core.V1.xml\">
  <edmx:Include Namespace=\"Org.OData.Core.V1\" Alias=\"Core\"><Annotation Term=\"Core.Description\" String=\"x\"/></edmx:Include>
  <edmx:IncludeAnnotations TermNamespace=\"Org.OData.Core.V1\" Qualifier=\"Q\" TargetNamespace=\"A\"/>
</edmx:Reference>
<edmx:DataServices>
<Schema Namespace=\"A\" Alias=\"a\" xmlns=\"http://docs.oasis-open.org/odata/ns/edm\">
  <EntityType Name=\"Base\" Abstract=\"true\"><Key><PropertyRef Name=\"Id\"/><PropertyRef Name=\"Addr/Zip\" Alias=\"Zip\"/></Key>
    <Property Name=\"Id\" Type=\"Edm.Int64\" Nullable=\"false\"/>
    <Property Name=\"Addr\" Type=\"a.Address\"/>
  </EntityType>
  <EntityType Name=\"Order\" BaseType=\"a.Base\" OpenType=\"true\" HasStream=\"true\">
    <Property Name=\"Amount\" Type=\"Edm.Decimal\" Precision=\"18\" Scale=\"variable\" DefaultValue=\"0\"/>
    <Property Name=\"Name\" Type=\"Edm.String\" MaxLength=\"max\" Unicode=\"false\"/>
    <Property Name=\"Where\" Type=\"Edm.GeographyPoint\" SRID=\"4326\"/>
    <Property Name=\"Tags\" Type=\"Collection(a.Color)\"/>
    <NavigationProperty Name=\"Lines\" Type=\"Collection(a.Line)\" Partner=\"Order\" ContainsTarget=\"true\">
      <ReferentialConstraint Property=\"Id\" ReferencedProperty=\"OrderId\"><Annotation Term=\"Core.Description\"/></ReferentialConstraint>
      <OnDelete Action=\"Cascade\"/>
    </NavigationProperty>
  </EntityType>
  <EntityType Name=\"Line\"><Key><PropertyRef Name=\"OrderId\"/></Key><Property Name=\"OrderId\" Type=\"Edm.Int64\" Nullable=\"false\"/>
    <NavigationProperty Name=\"Order\" Type=\"a.Order\" Nullable=\"false\" Partner=\"Lines\"/></EntityType>
  <ComplexType Name=\"Address\" OpenType=\"true\"><Property Name=\"Zip\" Type=\"Edm.String\"/></ComplexType>
  <EnumType Name=\"Color\" UnderlyingType=\"Edm.Byte\" IsFlags=\"true\"><Member Name=\"Red\" Value=\"1\"/><Member Name=\"Blue\" Value=\"2\"/><Member Name=\"Any\"/></EnumType>
  <EnumType Name=\"Size\"><Member Name=\"S\"/><Member Name=\"M\"/><Member Name=\"L\" Value=\"-9223372036854775808\"/></EnumType>
  <TypeDefinition Name=\"Money\" UnderlyingType=\"Edm.Decimal\" Precision=\"10\" Scale=\"2\"/>
  <Action Name=\"Ship\" IsBound=\"true\" EntitySetPath=\"o/Lines\"><Parameter Name=\"o\" Type=\"a.Order\" Nullable=\"false\"/>
    <ReturnType Type=\"Collection(a.Line)\" Nullable=\"false\"/></Action>
  <Function Name=\"Top\" IsComposable=\"true\"><Parameter Name=\"n\" Type=\"Edm.Int32\"/><ReturnType Type=\"a.Order\"/></Function>
  <Function Name=\"Top\"><Parameter Name=\"n\" Type=\"Edm.Int64\"/><ReturnType Type=\"a.Order\"/></Function>
  <Term Name=\"Tag\" Type=\"Edm.Boolean\" DefaultValue=\"true\" AppliesTo=\"EntityType Property\" BaseTerm=\"Core.Tag\"/>
  <EntityContainer Name=\"C\" Extends=\"b.C\">
    <EntitySet Name=\"Orders\" EntityType=\"a.Order\" IncludeInServiceDocument=\"false\">
      <NavigationPropertyBinding Path=\"Lines\" Target=\"Lines\"/></EntitySet>
    <EntitySet Name=\"Lines\" EntityType=\"a.Line\"/>
    <Singleton Name=\"Me\" Type=\"a.Order\"><NavigationPropertyBinding Path=\"a.Order/Lines\" Target=\"C/Lines\"/></Singleton>
    <ActionImport Name=\"Ship\" Action=\"a.Ship\" EntitySet=\"Orders\"/>
    <FunctionImport Name=\"Top\" Function=\"a.Top\" EntitySet=\"Orders\" IncludeInServiceDocument=\"true\"/>
  </EntityContainer>
</Schema></edmx:DataServices></edmx:Edmx>"

seed annotations "$EDMX_OPEN
<edmx:DataServices><Schema Namespace=\"A\" xmlns=\"http://docs.oasis-open.org/odata/ns/edm\">
<EntityType Name=\"T\"><Property Name=\"P\" Type=\"Edm.String\"><Annotation Term=\"Core.Computed\" Bool=\"true\"/></Property></EntityType>
<Annotations Target=\"A.T/P\" Qualifier=\"Q\">
  <Annotation Term=\"UI.LineItem\"><Collection>
    <Record Type=\"UI.DataField\"><PropertyValue Property=\"Value\" Path=\"P\"/><PropertyValue Property=\"Label\" String=\"L\"/>
      <Annotation Term=\"Core.Description\"><String>nested</String></Annotation></Record>
    <Record><PropertyValue Property=\"X\"><Collection><Int>1</Int><Float>1e308</Float><Decimal>-0.5</Decimal><Null/></Collection></PropertyValue></Record>
  </Collection></Annotation>
  <Annotation Term=\"Core.Permissions\"><EnumMember>Core.Permission/Read Core.Permission/Write</EnumMember></Annotation>
  <Annotation Term=\"X.Expr\"><If><And><Eq><Path>P</Path><String>a</String></Eq><Not><Bool>false</Bool></Not></And>
    <Apply Function=\"odata.concat\"><String>a</String><LabeledElementReference>A.L</LabeledElementReference></Apply>
    <Cast Type=\"Edm.String\"><IsOf Type=\"Edm.Int32\"><Int>2</Int></IsOf></Cast></If></Annotation>
  <Annotation Term=\"X.Lab\"><LabeledElement Name=\"L\"><UrlRef><String>http://x/</String></UrlRef></LabeledElement></Annotation>
  <Annotation Term=\"X.Paths\"><Collection><AnnotationPath>a/@b</AnnotationPath><ModelElementPath>A.T</ModelElementPath>
    <NavigationPropertyPath>N</NavigationPropertyPath><PropertyPath>P</PropertyPath></Collection></Annotation>
  <Annotation Term=\"X.Consts\"><Collection><Binary>T0RhdGE=</Binary><Date>2000-01-01</Date><DateTimeOffset>2000-01-01T00:00:00Z</DateTimeOffset>
    <Duration>P1D</Duration><Guid>00000000-0000-0000-0000-000000000000</Guid><TimeOfDay>23:59:59</TimeOfDay>
    <String><![CDATA[<cdata & text>]]></String><Neg><Add><Int>1</Int><Mul><Int>2</Int><DivBy><Int>3</Int><Int>4</Int></DivBy></Mul></Add></Neg>
    <Has><Path>E</Path><EnumMember>A.C/R</EnumMember></Has><In><Path>P</Path><Collection/></In></Collection></Annotation>
</Annotations></Schema></edmx:DataServices></edmx:Edmx>"

seed legacy-v3 '<?xml version="1.0" encoding="utf-8"?>
<edmx:Edmx Version="1.0" xmlns:edmx="http://schemas.microsoft.com/ado/2007/06/edmx"><edmx:DataServices m:DataServiceVersion="3.0" xmlns:m="http://schemas.microsoft.com/ado/2007/08/dataservices/metadata">
<Schema Namespace="A" xmlns="http://schemas.microsoft.com/ado/2009/11/edm"><EntityType Name="T"><Key><PropertyRef Name="Id"/></Key><Property Name="Id" Type="Edm.Int32"/></EntityType></Schema>
</edmx:DataServices></edmx:Edmx>'

seed malformed "$EDMX_OPEN
<edmx:DataServices><Schema Namespace=\"A\" xmlns=\"http://docs.oasis-open.org/odata/ns/edm\"><EntityType Name=\"T\"><Property Name=\"P\" Type=\"Edm.String\">
</Schema>"

seed doctype '<?xml version="1.0"?>
<!DOCTYPE edmx:Edmx [<!ENTITY e "Edm.String"><!ENTITY x SYSTEM "file:///etc/passwd">]>
<edmx:Edmx Version="4.01" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx"><edmx:DataServices><Schema Namespace="A" xmlns="http://docs.oasis-open.org/odata/ns/edm"><TypeDefinition Name="D" UnderlyingType="&e;"/><Term Name="X" Type="&x;"/></Schema></edmx:DataServices></edmx:Edmx>'

seed foreign "$EDMX_OPEN
<foo:Bar xmlns:foo=\"urn:foo\"><foo:Baz/></foo:Bar><edmx:DataServices><Schema Namespace=\"A\" xmlns=\"http://docs.oasis-open.org/odata/ns/edm\" xmlns:x=\"urn:x\">
<x:Extra><EntityType Name=\"Hidden\"/></x:Extra><EntityType Name=\"T\" x:attr=\"1\"><Unknown/><Property Name=\"P\" Type=\"Edm.String\"/></EntityType>
<!-- comment --><?pi data?></Schema></edmx:DataServices></edmx:Edmx>"

# The same document in UTF-16 LE with a BOM, and one with a UTF-8 BOM.
printf '%s' "$EDMX_OPEN<edmx:DataServices><Schema Namespace=\"Ü\" xmlns=\"http://docs.oasis-open.org/odata/ns/edm\"/></edmx:DataServices></edmx:Edmx>" \
    | sed 's/encoding="utf-8"/encoding="UTF-16"/' | iconv -f UTF-8 -t UTF-16 > "$SEEDS/utf16.xml" 2>/dev/null || rm -f "$SEEDS/utf16.xml"
{ printf '\xEF\xBB\xBF'; cat "$SEEDS/minimal.xml"; } > "$SEEDS/bom.xml"

# Real documents from the shared corpus, when present (small ones only).
if [ -d "$ROOT/../shared/corpus" ]; then
    find "$ROOT/../shared/corpus" -maxdepth 1 -name '*.xml' -size -100k -exec cp {} "$SEEDS/" \;
fi
echo "==> seeds: $(ls "$SEEDS" | wc -l) files in $SEEDS"

# --- run ------------------------------------------------------------------------------------------------------
# New corpus units go to $CORPUS (the first directory); $SEEDS is only read.
RUN=("$FUZZER" "$CORPUS" "$SEEDS"
     "-max_total_time=$SECONDS_TOTAL" -max_len=65536 -timeout=10 "-dict=$ROOT/Benchmarks/csdl.dict"
     "-artifact_prefix=$ARTIFACTS/" -print_final_stats=1 "$@")
echo "==> ${RUN[*]}"
rc=0
"${RUN[@]}" || rc=$?
echo "==> libFuzzer exit status $rc; corpus: $(ls "$CORPUS" | wc -l) units in $CORPUS"
if [ -n "$(ls -A "$ARTIFACTS")" ]; then
    echo "==> artifacts (crash/timeout/leak inputs):"
    ls -l "$ARTIFACTS"
    echo "    replay: (cd $ROOT && swift build --product odata-csdl-fuzz && .build/debug/odata-csdl-fuzz $ARTIFACTS/<file>)"
fi
exit "$rc"
