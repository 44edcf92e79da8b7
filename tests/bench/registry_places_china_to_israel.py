"""Cities of the registry corpus's sites, part 2 of PLACES (China to Israel).

The format is described in registry_places.py; the parts are joined in their order there (the
order fixes the random draws of the sites).
"""
from __future__ import annotations

PLACES_CHINA_TO_ISRAEL = """
@China|6|86|######|0.5|cn
Beijing;Beijing;39.9075;116.39723;100
Shanghai;Shanghai;31.22222;121.45806;200
Guangzhou;Guangdong;23.11667;113.25;510
Chengdu;Sichuan;30.66667;104.06667;610
Wuhan;Hubei;30.58333;114.26667;430
Hangzhou;Zhejiang;30.29365;120.16142;310
Nanjing;Jiangsu;32.06167;118.77778;210
Tianjin;Tianjin;39.14222;117.17667;300
Chongqing;Chongqing;29.56278;106.55278;400
Xi'an;Shaanxi;34.25833;108.92861;710
Changsha;Hunan;28.19874;112.97087;410
Shenyang;Liaoning;41.79222;123.43278;110
Harbin;Heilongjiang;45.75;126.65;150
Zhengzhou;Henan;34.75778;113.64861;450
Jinan;Shandong;36.66833;116.99722;250
Suzhou;Jiangsu;31.30408;120.59538;215
Shenzhen;Guangdong;22.54554;114.0683;518
Fuzhou;Fujian;26.06139;119.30611;350
Kunming;Yunnan;25.03889;102.71833;650
Nanning;Guangxi;22.81667;108.31667;530
Hefei;Anhui;31.86389;117.28083;230
Qingdao;Shandong;36.06488;120.38042;266
Changchun;Jilin;43.88;125.32278;130
Nanchang;Jiangxi;28.68396;115.85306;330
Shijiazhuang;Hebei;38.04139;114.47861;050
Lanzhou;Gansu;36.05701;103.83987;730
Ürümqi;Xinjiang;43.80096;87.60046;830
@Japan|3.5|81|###-####|0.5|jp
Tokyo;Tokyo;35.6895;139.69171;1
Osaka;Osaka;34.69374;135.50218;5
Nagoya;Aichi;35.18147;136.90641;46
Fukuoka;Fukuoka;33.6;130.41667;81
Sapporo;Hokkaido;43.06417;141.34694;06
Kyoto;Kyoto;35.02107;135.75385;60
Kobe;Hyogo;34.6913;135.183;65
Yokohama;Kanagawa;35.44778;139.6425;23
Sendai;Miyagi;38.26667;140.86667;98
Hiroshima;Hiroshima;34.39627;132.45937;73
Chiba;Chiba;35.6;140.11667;26
Kashiwa;Chiba;35.85444;139.96889;277
Okayama;Okayama;34.65;133.93333;70
Niigata;Niigata;37.90222;139.02361;951
Kumamoto;Kumamoto;32.80589;130.69181;86
Kanazawa;Ishikawa;36.6;136.61667;92
@Korea, Republic of|2.5|82|#####|0.4|kr
Seoul;Seoul;37.566;126.9784;0
Busan;Busan;35.10278;129.04028;4
Incheon;Incheon;37.45646;126.70515;2
Daegu;Daegu;35.87028;128.59111;4
Gwangju;Gwangju;35.15472;126.91556;6
Daejeon;Daejeon;36.32139;127.41972;3
Seongnam;Gyeonggi-do;37.43861;127.13778;13
Goyang;Gyeonggi-do;37.65639;126.835;10
Suwon;Gyeonggi-do;37.29111;127.00889;16
Hwasun;Jeollanam-do;35.06125;126.98746;58
@Canada|3|1|@#@ #@#|0.9|en
Toronto;Ontario;43.70011;-79.4163;M5
Montreal;Quebec;45.50884;-73.58781;H3
Vancouver;British Columbia;49.24966;-123.11934;V5
Calgary;Alberta;51.05011;-114.08529;T2
Edmonton;Alberta;53.55014;-113.46871;T6
Ottawa;Ontario;45.41117;-75.69812;K1
Hamilton;Ontario;43.25011;-79.84963;L8
Winnipeg;Manitoba;49.8844;-97.14704;R3
Halifax;Nova Scotia;44.64533;-63.57239;B3
Québec;Quebec;46.81228;-71.21454;G1
London;Ontario;42.98339;-81.23304;N6
Saskatoon;Saskatchewan;52.11679;-106.63452;S7
@Egypt|2.5|20|#####|0.2|en
Cairo;Cairo Governorate;30.06263;31.24967;11
Alexandria;Alexandria Governorate;31.20176;29.91582;21
Giza;Giza;30.00944;31.20861;12
Mansoura;Dakahlia;31.03637;31.38069;35
Assiut;Assiut;27.18096;31.18368;71
Tanta;Gharbia;30.78847;31.00192;31
Zagazig;Sharqia;30.58768;31.502;44
Minya;Minya;28.10988;30.7503;61
Sohag;Sohag;26.55695;31.69478;82
Beni Suef;Beni Suef;29.07441;31.09785;62
@Turkey|2|90|#####|0.1|tr
Istanbul;İstanbul;41.01384;28.94966;34
Ankara;Ankara;39.91987;32.85427;06
Izmir;İzmir;38.41273;27.13838;35
Bursa;Bursa;40.19559;29.06013;16
Antalya;Antalya;36.90812;30.69556;07
Konya;Konya;37.87135;32.48464;42
Adana;Adana;36.98615;35.32531;01
Kayseri;Kayseri;38.73222;35.48528;38
@Australia|2|61|####|0.6|en
Melbourne;Victoria;-37.814;144.96332;30
Sydney;New South Wales;-33.86785;151.20732;20
Brisbane;Queensland;-27.46794;153.02809;40
Perth;Western Australia;-31.95224;115.8614;60
Adelaide;South Australia;-34.92866;138.59863;50
Westmead;New South Wales;-33.80383;150.98768;2145
Heidelberg;Victoria;-37.75;145.06667;3084
Clayton;Victoria;-37.91667;145.11667;3168
Newcastle;New South Wales;-32.92953;151.7801;2305
Hobart;Tasmania;-42.87936;147.32941;7000
Woolloongabba;Queensland;-27.48855;153.03655;4102
Nedlands;Western Australia;-31.98184;115.8073;6009
Canberra;Australian Capital Territory;-35.28346;149.12807;26
@Brazil|2|55|#####-###|0.4|pt
São Paulo;São Paulo;-23.5475;-46.63611;0
Rio de Janeiro;Rio de Janeiro;-22.90642;-43.18223;2
Porto Alegre;Rio Grande do Sul;-30.03306;-51.23;90
Belo Horizonte;Minas Gerais;-19.92083;-43.93778;30
Curitiba;Paraná;-25.42778;-49.27306;80
Salvador;Bahia;-12.97111;-38.51083;40
Recife;Pernambuco;-8.05389;-34.88111;50
Fortaleza;Ceará;-3.71722;-38.54306;60
Brasília;Distrito Federal;-15.77972;-47.92972;70
Campinas;São Paulo;-22.90556;-47.06083;13
Ribeirão Preto;São Paulo;-21.1775;-47.81028;140
Barretos;São Paulo;-20.55722;-48.56778;14784
Goiânia;Goiás;-16.67861;-49.25389;74
@Poland|1.8|48|##-###|0.3|pl
Warszawa;Mazowieckie;52.22977;21.01178;0
Kraków;Małopolskie;50.06143;19.93658;3
Łódź;Łódzkie;51.75;19.46667;9
Wrocław;Dolnośląskie;51.1;17.03333;5
Poznań;Wielkopolskie;52.40692;16.92993;6
Gdańsk;Pomorskie;54.35205;18.64637;8
Lublin;Lubelskie;51.25;22.56667;20
Katowice;Śląskie;50.25841;19.02754;40
Białystok;Podlaskie;53.13333;23.16433;15
Bydgoszcz;Kujawsko-pomorskie;53.1235;18.00762;85
@Netherlands|1.5|31|#### @@|0.3|nl
Amsterdam;Noord-Holland;52.37403;4.88969;110
Rotterdam;Zuid-Holland;51.9225;4.47917;301
Utrecht;Utrecht;52.09083;5.12222;358
Leiden;Zuid-Holland;52.15833;4.49306;233
Groningen;Groningen;53.21917;6.56667;971
Nijmegen;Gelderland;51.8425;5.85278;652
Maastricht;Limburg;50.84833;5.68889;622
Eindhoven;Noord-Brabant;51.44083;5.47778;562
@Belgium|1.5|32|####|0.2|nl
Bruxelles;Bruxelles-Capitale;50.85045;4.34878;1
Leuven;Vlaams-Brabant;50.87959;4.70093;3000
Gent;Oost-Vlaanderen;51.05;3.71667;9000
Antwerpen;Antwerpen;51.21989;4.40346;20
Liège;Liège;50.63373;5.56749;4000
Edegem;Antwerpen;51.15662;4.44504;2650
Brugge;West-Vlaanderen;51.20892;3.22424;8000
@Switzerland|0.8|41|####|0.3|de
Zürich;Zürich;47.36667;8.55;80
Bern;Bern;46.94809;7.44744;30
Basel;Basel-Stadt;47.55839;7.57327;40
Genève;Genève;46.20222;6.14569;12
Lausanne;Vaud;46.516;6.63282;10
St. Gallen;St. Gallen;47.42391;9.37477;90
@Austria|0.8|43|####|0.3|de
Wien;Wien;48.20849;16.37208;1
Graz;Steiermark;47.06667;15.45;80
Innsbruck;Tirol;47.26266;11.39454;6020
Salzburg;Salzburg;47.79941;13.04399;5020
Linz;Oberösterreich;48.30639;14.28611;40
@Denmark|1.2|45|####|0.5|dk
København;Capital Region;55.67594;12.56553;2
Aarhus;Central Jutland;56.15674;10.21076;8
Odense;Region of Southern Denmark;55.39594;10.38831;5000
Aalborg;North Jutland;57.048;9.9187;9000
Herlev;Capital Region;55.72366;12.43998;2730
Hvidovre;Capital Region;55.65719;12.47364;2650
@Sweden|0.8|46|### ##|0.2|dk
Stockholm;Stockholm County;59.32938;18.06871;1
Göteborg;Västra Götaland;57.70716;11.96679;41
Uppsala;Uppsala County;59.85882;17.63889;75
Lund;Skåne;55.70584;13.19321;22
Malmö;Skåne;55.60587;13.00073;20
Linköping;Östergötland;58.41086;15.62157;58
Umeå;Västerbotten;63.82842;20.25972;90
@Norway|0.6|47|####|0.2|dk
Oslo;Oslo;59.91273;10.74609;0
Bergen;Vestland;60.39299;5.32415;50
Trondheim;Trøndelag;63.43049;10.39506;70
Tromsø;Troms;69.6489;18.95508;90
@Finland|0.5|358|#####|0.2|dk
Helsinki;Uusimaa;60.16952;24.93545;00
Tampere;Pirkanmaa;61.49911;23.78712;33
Turku;Varsinais-Suomi;60.45148;22.26869;20
Oulu;Pohjois-Pohjanmaa;65.01236;25.46816;90
Kuopio;Pohjois-Savo;62.89238;27.67703;70
@Czechia|0.8|420|### ##|0.1|pl
Praha;Hlavní město Praha;50.08804;14.42076;1
Brno;Jihomoravský kraj;49.19522;16.60796;6
Olomouc;Olomoucký kraj;49.59552;17.25175;77
Ostrava;Moravskoslezský kraj;49.83465;18.28204;70
Hradec Králové;Královéhradecký kraj;50.20923;15.83277;500
@Hungary|0.8|36|####|0.1|pl
Budapest;Budapest;47.49801;19.03991;1
Debrecen;Hajdú-Bihar;47.53333;21.63333;40
Szeged;Csongrád;46.253;20.14824;67
Pécs;Baranya;46.0833;18.2333;76
@Greece|0.6|30|### ##|0.1|en
Athens;Attica;37.98376;23.72784;11
Thessaloniki;Central Macedonia;40.64361;22.93086;54
Heraklion;Crete;35.32787;25.14341;71
Patras;Western Greece;38.24444;21.73444;26
Larissa;Thessaly;39.63689;22.41761;41
@Israel|1.2|972|#######|0.1|en
Tel Aviv;Tel Aviv;32.08088;34.78057;64
Jerusalem;Jerusalem;31.76904;35.21633;91
Haifa;Haifa;32.81841;34.9885;31
Petah Tikva;Central District;32.08707;34.88747;49
Ramat Gan;Tel Aviv;32.08227;34.81065;52
Beersheba;Southern District;31.25181;34.7913;84
"""
