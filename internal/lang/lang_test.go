package lang

import (
	"strings"
	"sync"
	"testing"
)

// cases are sentences we wrote for this test; none is in profiles/.
var cases = []struct{ lang, text string }{
	// Short English headlines: the case whatlanggo calls Dutch.
	{"en", "Peace talks resume"},
	{"en", "Gaza ceasefire holds"},
	{"en", "Minister denies report"},
	{"en", "Russia, Ukraine trade accusations over drone strikes"},
	{"en", "Turkey detains journalists"},
	{"en", "Kenya sends police to Haiti"},
	{"en", "Rebels seize border town"},
	{"en", "Strike hits Kyiv power plant"},
	{"en", "Pope meets Zelensky in Rome"},
	{"en", "Sudan army and RSF agree truce"},
	{"en", "Protests spread to Dhaka"},
	{"en", "India and Pakistan exchange fire"},
	{"en", "Oil prices rise as OPEC cuts output"},
	{"en", "Man held over Berlin attack"},
	{"en", "New sanctions target Iran drone makers"},
	{"en", "Thousands rally against austerity plans"},
	{"en", "Navy intercepts migrant boat"},
	{"en", "Drone downed near airport"},
	{"en", "Coalition talks collapse"},
	{"en", "Leaders vow to end blockade"},
	{"en", "Ex-president indicted"},
	{"en", "Troops kill militants in raid"},
	{"en", "Ukraine hits Russian refinery"},
	{"en", "UN envoy visits Myanmar"},
	{"en", "Senate passes defence bill"},
	{"en", "Mali junta expels French ambassador"},
	{"en", "Strikers block roads in Santiago"},
	{"en", "The delegation left Geneva without a deal, officials said late on Sunday."},
	{"en", "Police in Lagos used water cannon to break up a rally by striking teachers."},
	{"en", "Was the strike authorised by the cabinet? The minister would not say."},
	{"fr", "Le Premier ministre a reçu les syndicats à Matignon."},
	{"fr", "Les forces de l'ordre ont dispersé la manifestation."},
	{"fr", "Grève dans les transports"},
	{"fr", "Selon l'agence, aucun accord n'a été trouvé entre Paris et Alger."},
	{"de", "Die Kanzlerin trifft den französischen Präsidenten in Berlin."},
	{"de", "Proteste gegen die Regierung in Leipzig"},
	{"de", "Nach dem Anschlag verschärft die Polizei die Kontrollen an den Grenzen."},
	{"de", "Streit über Waffenlieferungen"},
	{"es", "El presidente anunció nuevas medidas contra la inflación."},
	{"es", "Miles de personas protestan en Buenos Aires"},
	{"es", "La fiscalía investiga al exalcalde por corrupción."},
	{"es", "¿Habrá elecciones anticipadas? El Gobierno no lo descarta."},
	{"it", "Il premier ha incontrato i sindacati a Palazzo Chigi."},
	{"it", "Sciopero dei trasporti a Milano"},
	{"it", "La procura indaga sull'appalto per il nuovo ponte."},
	{"it", "Gli agenti hanno arrestato tre persone dopo gli scontri."},
	{"pt", "O presidente anunciou novas medidas contra a inflação."},
	{"pt", "Milhares de pessoas protestam em Lisboa"},
	{"pt", "A polícia prendeu três suspeitos depois dos confrontos."},
	{"pt", "Governo brasileiro não comenta as negociações com a Argentina."},
	{"nl", "De premier heeft de vakbonden ontvangen in Den Haag."},
	{"nl", "Duizenden mensen protesteren in Amsterdam"},
	{"nl", "De politie heeft drie verdachten opgepakt na de rellen."},
	{"nl", "Het kabinet wil meer geld uittrekken voor defensie."},
	{"sv", "Statsministern träffade fackförbunden i Stockholm."},
	{"sv", "Tusentals protesterar i Göteborg"},
	{"sv", "Polisen grep tre misstänkta efter oroligheterna i natt."},
	{"sv", "Regeringen vill satsa mer pengar på försvaret."},
	{"pl", "Premier spotkał się ze związkowcami w Warszawie."},
	{"pl", "Tysiące ludzi protestują w Krakowie"},
	{"pl", "Policja zatrzymała trzech podejrzanych po zamieszkach."},
	{"pl", "Rząd chce przeznaczyć więcej pieniędzy na obronność."},
	{"tr", "Başbakan sendika temsilcileriyle Ankara'da görüştü."},
	{"tr", "İstanbul'da binlerce kişi protesto etti"},
	{"tr", "Polis olaylardan sonra üç şüpheliyi gözaltına aldı."},
	{"tr", "Hükümet savunmaya daha fazla para ayırmak istiyor."},
	{"fr", "Manifestation contre la reforme des retraites"},
	{"fr", "Le parlement vote la loi"},
	{"de", "Regierung plant neue Steuern"},
	{"de", "Warnstreik bei der Bahn"},
	{"es", "Protestas contra el gobierno en Lima"},
	{"es", "Detenido un concejal por corrupcion"},
	{"it", "Proteste contro il governo a Roma"},
	{"it", "Arrestato un sindaco per corruzione"},
	{"pt", "Protestos contra o governo em Brasilia"},
	{"nl", "Protest tegen de regering in Utrecht"},
	{"nl", "Kabinet valt over asielbeleid"},
	{"sv", "Protester mot regeringen i Malmo"},
	{"pl", "Protest przeciwko rzadowi w Gdansku"},
	{"tr", "Ankara'da hukumet karsiti protesto"},
	{"ru", "Премьер-министр встретился с профсоюзами в Москве."},
	{"ru", "Тысячи человек вышли на акцию протеста"},
	{"ru", "Полиция задержала троих подозреваемых после беспорядков."},
	{"ru", "Правительство хочет выделить больше денег на оборону."},
	{"uk", "Прем'єр-міністр зустрівся з профспілками в Києві."},
	{"uk", "Тисячі людей вийшли на акцію протесту"},
	{"uk", "Поліція затримала трьох підозрюваних після заворушень."},
	{"uk", "Уряд хоче виділити більше грошей на оборону."},
	{"ar", "التقى رئيس الوزراء بممثلي النقابات في القاهرة."},
	{"ar", "آلاف المتظاهرين في شوارع بيروت"},
	{"ar", "اعتقلت الشرطة ثلاثة مشتبه بهم بعد أعمال الشغب."},
	{"fa", "نخست‌وزیر با نمایندگان اتحادیه‌ها در تهران دیدار کرد."},
	{"fa", "هزاران نفر در خیابان‌های شیراز تظاهرات کردند"},
	{"fa", "پلیس سه مظنون را پس از درگیری‌ها بازداشت کرد."},
	{"fr", "Le chef de l'État a promis une enquête indépendante sur la mort du jeune homme."},
	{"de", "Die Außenministerin reist am Montag zu Gesprächen nach Peking."},
	{"es", "Las lluvias torrenciales dejaron al menos doce muertos en el sur del país."},
	{"it", "Il ministro dell'Interno ha convocato un vertice sulla sicurezza nelle carceri."},
	{"pt", "As chuvas fortes deixaram pelo menos doze mortos no sul do país."},
	{"nl", "De minister van Defensie reist maandag naar Kiev voor overleg."},
	{"sv", "Utrikesministern reser på måndag till Peking för samtal."},
	{"pl", "Minister spraw wewnętrznych zwołał naradę w sprawie bezpieczeństwa."},
	{"tr", "Dışişleri bakanı pazartesi günü görüşmeler için Pekin'e gidecek."},
	{"ru", "В понедельник министр иностранных дел отправится в Пекин."},
	{"uk", "У понеділок міністерка закордонних справ поїде до Пекіна."},
	{"ar", "يتوجه وزير الخارجية يوم الاثنين إلى بكين لإجراء محادثات."},
	{"fa", "وزیر امور خارجه روز دوشنبه برای گفت‌وگو به پکن سفر می‌کند."},
	{"en", "The foreign minister travels to Beijing on Monday for talks."},
	{"en", "Heavy rain left at least twelve people dead in the south of the country."},
	{"zh", "总理在北京会见了工会代表。"},
	{"zh", "数千人在街头抗议"},
	{"zh", "警方在骚乱后逮捕了三名嫌疑人。"},
	{"ja", "首相は東京で労働組合の代表と会談した。"},
	{"ja", "数千人が街頭で抗議した"},
	{"ja", "警察は暴動の後、容疑者三人を逮捕した。"},
	{"ko", "총리는 서울에서 노조 대표들을 만났다."},
	{"el", "Ο πρωθυπουργός συναντήθηκε με τα συνδικάτα στην Αθήνα."},
	{"he", "ראש הממשלה נפגש עם נציגי האיגודים בירושלים."},
	{"hi", "प्रधानमंत्री ने दिल्ली में संघों के प्रतिनिधियों से मुलाकात की।"},
}

// TestDetect is the accuracy floor on our sentences: 95% overall and 90%
// of the English headlines (the short cases detectors get wrong). The
// misses are logged so a change that fixes or breaks one shows.
func TestDetect(t *testing.T) {
	var right, total, enRight, enShort int
	for _, c := range cases {
		got := detect(c.text)
		short := c.lang == "en" && len(strings.Fields(c.text)) <= 8
		if short {
			enShort++
		}
		total++
		if got.Lang == c.lang {
			right++
			if short {
				enRight++
			}
		} else {
			t.Logf("miss: detect(%q) = %s (%.2f), want %s", c.text, got.Lang, got.Confidence, c.lang)
		}
		if got.Confidence <= 0 || got.Confidence > 1 {
			t.Errorf("detect(%q): confidence %v out of (0, 1]", c.text, got.Confidence)
		}
	}
	acc, enAcc := float64(right)/float64(total), float64(enRight)/float64(enShort)
	t.Logf("accuracy %.3f (%d/%d); short English headlines %.3f (%d/%d)", acc, right, total, enAcc, enRight, enShort)
	if acc < 0.95 {
		t.Errorf("accuracy %.3f below the floor 0.95", acc)
	}
	if enAcc < 0.90 {
		t.Errorf("short English accuracy %.3f below the floor 0.90", enAcc)
	}
}

func TestUndetermined(t *testing.T) {
	for _, s := range []string{"", "   ", "OK", "AFP", "12:30", "2024-05-01 11:00 UTC", "!!! ???", "☮ ✈ ★", "a b c"} {
		if got := detect(s); got.Lang != Undetermined || got.Confidence != 0 {
			t.Errorf("detect(%q) = %+v, want und with confidence 0", s, got)
		}
	}
}

func TestLongTextSampled(t *testing.T) {
	long := strings.Repeat("The ministers met again in Vienna and agreed to keep talking. ", 2000)
	if got := detect(long); got.Lang != "en" {
		t.Errorf("long English text: %+v", got)
	}
	// A cut inside a multi-byte rune must not break detection.
	ru := strings.Repeat("Министр заявил, что переговоры продолжатся. ", 200)
	if got := detect(ru); got.Lang != "ru" {
		t.Errorf("long Russian text: %+v", got)
	}
}

func TestLanguages(t *testing.T) {
	got := strings.Join(Languages(), " ")
	for _, l := range []string{"en", "fr", "de", "es", "it", "pt", "nl", "ru", "ar", "zh", "ja", "tr", "fa", "uk", "pl", "sv"} {
		if !strings.Contains(" "+got+" ", " "+l+" ") {
			t.Errorf("Languages() lacks %s: %s", l, got)
		}
	}
}

func BenchmarkDetect(b *testing.B) {
	text := "Police in Lagos used water cannon to break up a rally by striking teachers on Thursday, " +
		"witnesses said, and at least twenty people were detained. The union said the strike would go on " +
		"until the state government paid the salaries it owes, some of them for six months. " +
		"A spokesman for the governor said talks would resume next week and accused the union of " +
		"refusing an offer made in March. Schools across the state have been closed since the start of the strike."
	for len(text) < 3000 {
		text += " " + text
	}
	if _, err := New(); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(min(len(text), sampleBytes)))
	b.ReportAllocs()
	for b.Loop() {
		if r := detect(text); r.Lang != "en" {
			b.Fatalf("got %s", r.Lang)
		}
	}
}

func BenchmarkHeadline(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if r := detect("Russia, Ukraine trade accusations over drone strikes"); r.Lang != "en" {
			b.Fatalf("got %s", r.Lang)
		}
	}
}

var testDetector = sync.OnceValues(New)

// detect runs the embedded profiles for the tests.
func detect(text string) Result {
	d, err := testDetector()
	if err != nil {
		panic(err)
	}
	return d.Detect(text)
}
