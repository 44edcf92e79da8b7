"""Synthetic ClinicalTrials.gov API v2 studies at the registry's scale, as its bulk download.

    python -m tests.bench.registry_corpus --count N --out FILE.zip [--seed S]
        [--start I] [--changed-share P --version V] [--compresslevel L] [--indent]
        [--writer-process]

writes FILE.zip in the layout of the registry's full download (``ctg-studies.json.zip``, from
``/api/v2/studies/download?format=json.zip``): one JSON object per study, named
``NN/NCTxxxxxxNN.json`` in 100 folders named by the last two digits of the NCT id
(``35/NCT02252835.json``). That layout, the mean of about 17 KB per study (17,275 bytes over
597,913 studies, the largest 3.6 MB) and the 13% of studies with results are figures
measured on the real download (published measurements, not an official specification). The
zip holds no folder entries and its entries are in generation order; each study is compact
UTF-8 JSON (``--indent`` indents it by two spaces) with a fixed timestamp, so the same
arguments always give the same zip, byte for byte.

The studies have the real records' key names, nesting and enum spellings (protocolSection,
resultsSection on about 13%, documentSection, derivedSection, hasResults) and their spread
of sizes (many of 8-15 KB, a few of hundreds of KB: sites from 1 to 3,000, results tables),
but none of their text: that is built from this module's own word lists and those of
``vocab.py`` (Zipf-distributed words, a long tail of rare made-up words, real-looking
condition, sponsor, drug and place names, a few hundred cities with their coordinates).

- Deterministic: study i of seed s is the same for every count, so a smaller corpus is a
  prefix of a larger one (``--start`` skips the first studies, to write shards).
- Streaming: ``iter_entries`` yields ``(name, bytes)`` pairs one at a time; ``write_zip``
  writes them as they come (a batch of 64 at most is in flight), on one core, or with
  ``--writer-process`` through a second process that compresses while this one generates
  (worth it only when a second core is free).
- Updates: ``change_study`` returns a changed copy of a study (status, enrollment, an added
  criterion, an added site, a later lastUpdatePostDate); ``--changed-share P --version V``
  writes the corpus with a deterministic share P of its studies changed, for update
  benchmarks (version V of the changes; a later version moves the dates on again).
"""
from __future__ import annotations

import argparse
import bisect
import datetime
import math
import multiprocessing
import random
import sys
import threading
import time
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any, TypeVar

import orjson

from .corpus import CRITERION_PATTERNS, TITLE_PATTERNS, _Writer
from .vocab import COMPANY_SUFFIXES, DRUG_SYLLABLES, Vocabulary, _cumulative, vocabulary

Study = dict[str, Any]

#: The date the corpus is "downloaded": no date of a study is later (versionHolder).
DATA_DATE = datetime.date(2025, 9, 30)
#: NCT numbers are drawn from 100 .. 100 + NCT_SPACE - 1 (NCT00000100 .. NCT07100099).
NCT_SPACE = 7_000_000
RESULTS_SHARE = 0.133  # 79,594 of 597,913 real studies have results
DEFAULT_NAME = "ctg-studies.json.zip"
CHANGE_KINDS = ("status", "enrollment", "criterion", "site")

Rand = Callable[[], float]
T = TypeVar("T")


# --- word lists of this module ------------------------------------------------------------


def _words(text: str) -> list[str]:
    return text.split()


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.strip().splitlines() if line.strip()]


FIRST_NAMES = _words("""
James Mary Robert Patricia John Jennifer Michael Linda David Elizabeth William Barbara Richard
Susan Joseph Jessica Thomas Sarah Charles Karen Daniel Lisa Matthew Nancy Anthony Sandra Mark
Ashley Steven Emily Andrew Michelle Paul Amanda Joshua Melissa Kevin Deborah Brian Laura George
Rebecca Timothy Sharon Jason Cynthia Ryan Kathleen Jacob Amy Nicholas Anna Eric Angela Jonathan
Helen Stephen Samantha Larry Christine Justin Rachel Scott Carolyn Brandon Janet Benjamin Maria
Wei Li Jing Yan Hui Xin Ying Lei Jun Ming Hao Yu Hiroshi Yuki Takashi Keiko Kenji Akiko Satoshi
Naoko Min-jun Ji-woo Seo-yeon Hyun Priya Rahul Anil Sunita Arjun Kavya Ahmed Fatima Mohamed
Aisha Omar Layla Hassan Mariam Ali Reza Zahra Mehmet Ayse Mustafa Elif Pierre Marie Jean
Sophie Luc Camille Nicolas Claire Hans Anna Klaus Ute Jürgen Katrin Stefan Sabine Giulia Marco
Francesca Luca Chiara Giuseppe Elena Javier Lucía Carlos Carmen Pablo Isabel Miguel Ana João
Beatriz Pedro Lars Ingrid Anders Karin Erik Sanne Pieter Lotte Jan Agnieszka Piotr Katarzyna
Tomasz Olga Dmitri Irina Sergei Nkechi Chinedu Amara Kwame Thabo Zanele Sipho Wanjiru
""")

LAST_NAMES = _words("""
Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez Lopez
Gonzalez Wilson Anderson Thomas Taylor Moore Jackson Martin Lee Perez Thompson White Harris
Sanchez Clark Ramirez Lewis Robinson Walker Young Allen King Wright Scott Torres Nguyen Hill
Flores Green Adams Nelson Baker Hall Rivera Campbell Mitchell Carter Roberts Phillips Evans
Turner Parker Collins Edwards Stewart Morris Murphy Cook Rogers Morgan Peterson Cooper Reed
Bailey Bell Kelly Howard Ward Cox Richardson Wood Watson Brooks Bennett Gray James Hughes
Wang Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo Lin He Gao Luo Zheng Tanaka
Suzuki Takahashi Watanabe Ito Yamamoto Nakamura Kobayashi Sato Kato Kim Park Choi Jung Kang Cho
Yoon Jang Lim Sharma Patel Singh Kumar Gupta Reddy Iyer Rao Khan Hussein Rahman Haddad Nasser
Yilmaz Kaya Demir Sahin Celik Dubois Lefebvre Moreau Laurent Girard Bonnet Mercier Rousseau
Müller Schmidt Schneider Fischer Weber Meyer Wagner Becker Hoffmann Schulz Rossi Russo Ferrari
Esposito Bianchi Romano Colombo Ricci Marino Greco Fernández González Rodríguez López Martínez
Sánchez Pérez Gómez Silva Santos Oliveira Souza Pereira Costa Jansen Janssen Visser Bakker
Nielsen Hansen Andersson Johansson Larsen Berg Nowak Kowalski Wiśniewski Novák Ivanov Petrov
Smirnov Okafor Mensah Dlamini Mwangi Otieno Cohen Levi Friedman O'Brien Murray MacDonald
""")

CREDENTIALS = ["", "", "", ", MD", ", MD", ", MD, PhD", ", PhD", ", MSc", ", RN", ", PharmD",
               ", MD, MPH", ", DO", ", MBBS", ", Prof"]
EMAIL_DOMAINS = [
    "uhealth.org", "medcenter.edu", "clinicalresearch.com", "univ-hospital.org", "med.uni.edu",
    "hospital.org", "research.org", "cancercenter.org", "chu-sante.fr", "klinikum.de",
    "ospedale.it", "hospital.es", "hosp.ac.jp", "hospital.cn", "health.gov", "trials.com",
    "pharma.com", "nhs.net", "clinic.ca", "health.au", "ucare.org", "medschool.edu",
]

# Countries: name | share of sites (%) | calling code | zip pattern (# digit, @ letter) |
# share of sites with a state | facility style. Cities below each: name; state; lat; lon;
# zip prefix. Coordinates are city centres; every site of a city shares them.
PLACES = """
@United States|33|1|#####|1.0|us
New York;New York;40.71427;-74.00597;100
Boston;Massachusetts;42.35843;-71.05977;021
Houston;Texas;29.76328;-95.36327;770
Chicago;Illinois;41.85003;-87.65005;606
Los Angeles;California;34.05223;-118.24368;900
Philadelphia;Pennsylvania;39.95233;-75.16379;191
Baltimore;Maryland;39.29038;-76.61219;212
Seattle;Washington;47.60621;-122.33207;981
San Francisco;California;37.77493;-122.41942;941
Atlanta;Georgia;33.749;-84.38798;303
Nashville;Tennessee;36.16589;-86.78444;372
Pittsburgh;Pennsylvania;40.44062;-79.99589;152
Cleveland;Ohio;41.4995;-81.69541;441
Rochester;Minnesota;44.02163;-92.4699;559
Dallas;Texas;32.78306;-96.80667;752
Durham;North Carolina;35.99403;-78.89862;277
Ann Arbor;Michigan;42.27756;-83.74088;481
Saint Louis;Missouri;38.62727;-90.19789;631
Aurora;Colorado;39.72943;-104.83192;800
Miami;Florida;25.77427;-80.19366;331
San Diego;California;32.71571;-117.16472;921
Bethesda;Maryland;38.98067;-77.10026;208
Stanford;California;37.42411;-122.16608;943
Minneapolis;Minnesota;44.97997;-93.26384;554
Salt Lake City;Utah;40.76078;-111.89105;841
Portland;Oregon;45.52345;-122.67621;972
Chapel Hill;North Carolina;35.9132;-79.05584;275
New Haven;Connecticut;41.30815;-72.92816;065
Tampa;Florida;27.94752;-82.45843;336
Columbus;Ohio;39.96118;-83.00064;432
Cincinnati;Ohio;39.12711;-84.51439;452
Indianapolis;Indiana;39.76838;-86.15804;462
Milwaukee;Wisconsin;43.0389;-87.90647;532
Madison;Wisconsin;43.07305;-89.40123;537
Iowa City;Iowa;41.66113;-91.53017;522
Omaha;Nebraska;41.25626;-95.94043;681
Birmingham;Alabama;33.52066;-86.80249;352
New Orleans;Louisiana;29.95465;-90.07507;701
Little Rock;Arkansas;34.74648;-92.28959;722
Oklahoma City;Oklahoma;35.46756;-97.51643;731
Albuquerque;New Mexico;35.08449;-106.65114;871
Las Vegas;Nevada;36.17497;-115.13722;891
Honolulu;Hawaii;21.30694;-157.85833;968
Charleston;South Carolina;32.77657;-79.93092;294
Richmond;Virginia;37.55376;-77.46026;232
Charlottesville;Virginia;38.02931;-78.47668;229
Washington;District of Columbia;38.89511;-77.03637;200
Lexington;Kentucky;37.98869;-84.47772;405
Louisville;Kentucky;38.25424;-85.75941;402
Memphis;Tennessee;35.14953;-90.04898;381
Hershey;Pennsylvania;40.28592;-76.65025;170
Buffalo;New York;42.88645;-78.87837;142
Bronx;New York;40.84985;-73.86641;104
Brooklyn;New York;40.6501;-73.94958;112
Hackensack;New Jersey;40.88593;-74.04347;076
New Brunswick;New Jersey;40.48622;-74.45182;089
Burlington;Vermont;44.47588;-73.21207;054
Lebanon;New Hampshire;43.64229;-72.25176;037
Worcester;Massachusetts;42.26259;-71.80229;016
Austin;Texas;30.26715;-97.74306;787
San Antonio;Texas;29.42412;-98.49363;782
Fort Worth;Texas;32.72541;-97.32085;761
Phoenix;Arizona;33.44838;-112.07404;850
Tucson;Arizona;32.22174;-110.92648;857
Scottsdale;Arizona;33.50921;-111.89903;852
Orlando;Florida;28.53834;-81.37924;328
Jacksonville;Florida;30.33218;-81.65565;322
Gainesville;Florida;29.65163;-82.32483;326
Charlotte;North Carolina;35.22709;-80.84313;282
Detroit;Michigan;42.33143;-83.04575;482
Kansas City;Kansas;39.11417;-94.62746;661
Sacramento;California;38.58157;-121.4944;958
Irvine;California;33.66946;-117.82311;926
Duarte;California;34.13945;-117.97729;910
Providence;Rhode Island;41.82399;-71.41283;029
Boise;Idaho;43.6135;-116.20345;837
Spokane;Washington;47.65966;-117.42908;992
Anchorage;Alaska;61.21806;-149.90028;995
Fargo;North Dakota;46.87719;-96.7898;581
Sioux Falls;South Dakota;43.54997;-96.70033;571
Morgantown;West Virginia;39.62953;-79.9559;265
Jackson;Mississippi;32.29876;-90.18481;392
Portland;Maine;43.66147;-70.25533;041
Wilmington;Delaware;39.74595;-75.54659;198
Cheyenne;Wyoming;41.13998;-104.82025;820
Billings;Montana;45.78329;-108.50069;591
@France|6|33|#####|0.2|fr
Paris;Île-de-France;48.85341;2.3488;750
Lyon;Auvergne-Rhône-Alpes;45.74846;4.84671;690
Marseille;Provence-Alpes-Côte d'Azur;43.29695;5.38107;130
Toulouse;Occitanie;43.60426;1.44367;310
Bordeaux;Nouvelle-Aquitaine;44.84044;-0.5805;330
Lille;Hauts-de-France;50.63297;3.05858;590
Nantes;Pays de la Loire;47.21725;-1.55336;440
Strasbourg;Grand Est;48.58392;7.74553;670
Montpellier;Occitanie;43.61092;3.87723;340
Nice;Provence-Alpes-Côte d'Azur;43.70313;7.26608;060
Rennes;Bretagne;48.11198;-1.67429;350
Grenoble;Auvergne-Rhône-Alpes;45.16667;5.71667;380
Besançon;Bourgogne-Franche-Comté;47.24878;6.01815;250
Créteil;Île-de-France;48.79266;2.46569;940
Villejuif;Île-de-France;48.7919;2.36857;948
Clermont-Ferrand;Auvergne-Rhône-Alpes;45.77969;3.08682;630
Dijon;Bourgogne-Franche-Comté;47.31667;5.01667;210
Angers;Pays de la Loire;47.47156;-0.55202;490
Tours;Centre-Val de Loire;47.39484;0.70398;370
Nancy;Grand Est;48.68439;6.18496;540
@Germany|5|49|#####|0.3|de
Berlin;Berlin;52.52437;13.41053;101
München;Bayern;48.13743;11.57549;813
Hamburg;Hamburg;53.57532;10.01534;202
Heidelberg;Baden-Württemberg;49.40768;8.69079;691
Frankfurt am Main;Hessen;50.11552;8.68417;605
Köln;Nordrhein-Westfalen;50.93333;6.95;509
Düsseldorf;Nordrhein-Westfalen;51.22172;6.77616;402
Dresden;Sachsen;51.05089;13.73832;013
Leipzig;Sachsen;51.33962;12.37129;041
Freiburg;Baden-Württemberg;47.9959;7.85222;791
Tübingen;Baden-Württemberg;48.52266;9.05222;720
Essen;Nordrhein-Westfalen;51.45657;7.01228;451
Hannover;Niedersachsen;52.37052;9.73322;306
Mainz;Rheinland-Pfalz;49.98419;8.2791;551
Würzburg;Bayern;49.79391;9.95121;970
Erlangen;Bayern;49.59099;11.00783;910
Ulm;Baden-Württemberg;48.39841;9.99155;890
Münster;Nordrhein-Westfalen;51.96236;7.62571;481
@Spain|4.5|34|#####|0.3|es
Madrid;Madrid;40.4165;-3.70256;280
Barcelona;Barcelona;41.38879;2.15899;080
Valencia;Valencia;39.46975;-0.37739;460
Sevilla;Andalucía;37.38283;-5.97317;410
Málaga;Andalucía;36.72016;-4.42034;290
Santander;Cantabria;43.46472;-3.80444;390
Pamplona;Navarra;42.81687;-1.64323;316
Salamanca;Castilla y León;40.96882;-5.66388;370
A Coruña;Galicia;43.37135;-8.396;150
Bilbao;País Vasco;43.26271;-2.92528;480
Zaragoza;Aragón;41.65606;-0.87734;500
Palma de Mallorca;Illes Balears;39.56939;2.65024;071
L'Hospitalet de Llobregat;Barcelona;41.35967;2.10028;089
Badalona;Barcelona;41.45004;2.24741;089
Santiago de Compostela;Galicia;42.88052;-8.54569;157
@Italy|4.5|39|#####|0.4|it
Milano;Lombardia;45.46427;9.18951;201
Roma;Lazio;41.89193;12.51133;001
Napoli;Campania;40.85216;14.26811;801
Torino;Piemonte;45.07049;7.68682;101
Bologna;Emilia-Romagna;44.49381;11.33875;401
Firenze;Toscana;43.77925;11.24626;501
Padova;Veneto;45.40797;11.88586;351
Genova;Liguria;44.40478;8.93386;161
Pisa;Toscana;43.70853;10.4036;561
Verona;Veneto;45.4299;10.98444;371
Rozzano;Lombardia;45.38193;9.1559;200
Bari;Puglia;41.12066;16.86982;701
Palermo;Sicilia;38.13205;13.33561;901
Monza;Lombardia;45.58005;9.27246;209
Siena;Toscana;43.32004;11.33283;531
Ancona;Marche;43.5942;13.50337;601
Perugia;Umbria;43.1122;12.38878;061
@United Kingdom|3.5|44|@@# #@@|0.3|en
London;England;51.50853;-0.12574;SE1
Manchester;England;53.48095;-2.23743;M13
Birmingham;England;52.48142;-1.89983;B15
Oxford;England;51.75222;-1.25596;OX3
Cambridge;England;52.2;0.11667;CB2
Leeds;England;53.79648;-1.54785;LS9
Glasgow;Scotland;55.86515;-4.25763;G12
Edinburgh;Scotland;55.95206;-3.19648;EH16
Newcastle upon Tyne;England;54.97328;-1.61396;NE7
Bristol;England;51.45523;-2.59665;BS2
Sheffield;England;53.38297;-1.4659;S10
Liverpool;England;53.41058;-2.97794;L7
Nottingham;England;52.9536;-1.15047;NG7
Southampton;England;50.90395;-1.40428;SO16
Cardiff;Wales;51.48;-3.18;CF14
Belfast;Northern Ireland;54.59682;-5.92541;BT9
Leicester;England;52.6386;-1.13169;LE1
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
@Iran, Islamic Republic of|1.2|98|##########|0.3|en
Tehran;Tehran;35.69439;51.42151;1
Shiraz;Fars;29.61031;52.53113;71
Isfahan;Isfahan;32.65246;51.67462;81
Mashhad;Razavi Khorasan;36.29807;59.60567;91
Tabriz;East Azerbaijan;38.08;46.2919;51
@India|1.2|91|######|0.7|en
New Delhi;Delhi;28.63576;77.22445;110
Mumbai;Maharashtra;19.07283;72.88261;400
Bangalore;Karnataka;12.97194;77.59369;560
Chennai;Tamil Nadu;13.08784;80.27847;600
Hyderabad;Telangana;17.38405;78.45636;500
Kolkata;West Bengal;22.56263;88.36304;700
Pune;Maharashtra;18.51957;73.85535;411
Ahmedabad;Gujarat;23.02579;72.58727;380
Lucknow;Uttar Pradesh;26.83928;80.92313;226
Chandigarh;Chandigarh;30.73629;76.7884;160
Vellore;Tamil Nadu;12.9184;79.13255;632
Jaipur;Rajasthan;26.91962;75.78781;302
@Pakistan|1.2|92|#####|0.2|en
Karachi;Sindh;24.8608;67.0104;74
Lahore;Punjab;31.558;74.35071;54
Islamabad;Islamabad Capital Territory;33.72148;73.04329;44
Rawalpindi;Punjab;33.59733;73.0479;46
Peshawar;Khyber Pakhtunkhwa;34.008;71.57849;25
Multan;Punjab;30.19679;71.47824;60
@Taiwan|1.2|886|###|0.2|cn
Taipei;Taipei;25.04776;121.53185;10
Taichung;Taichung;24.1469;120.6839;40
Kaohsiung;Kaohsiung;22.61626;120.31333;8
Tainan;Tainan;22.99083;120.21333;70
Taoyuan;Taoyuan;24.99368;121.29696;33
New Taipei City;New Taipei;25.06199;121.45703;23
@Mexico|1|52|#####|0.6|es
Ciudad de México;Ciudad de México;19.42847;-99.12766;0
Guadalajara;Jalisco;20.66682;-103.39182;44
Monterrey;Nuevo León;25.67507;-100.31847;64
Puebla;Puebla;19.03793;-98.20346;72
Mérida;Yucatán;20.97537;-89.61696;97
Chihuahua;Chihuahua;28.63528;-106.08889;31
San Luis Potosí;San Luis Potosí;22.14982;-100.97916;78
@Argentina|1|54|@####@@@|0.5|es
Buenos Aires;Buenos Aires;-34.61315;-58.37723;C1
Córdoba;Córdoba;-31.4135;-64.18105;X5
Rosario;Santa Fe;-32.94682;-60.63932;S2
Mendoza;Mendoza;-32.89084;-68.82717;M5
La Plata;Buenos Aires;-34.92145;-57.95453;B19
@Chile|0.4|56|#######|0.3|es
Santiago;Región Metropolitana;-33.45694;-70.64827;83
Temuco;Araucanía;-38.73965;-72.59842;47
Viña del Mar;Valparaíso;-33.02457;-71.55183;25
@Colombia|0.4|57|######|0.4|es
Bogotá;Cundinamarca;4.60971;-74.08175;11
Medellín;Antioquia;6.25184;-75.56359;05
Cali;Valle del Cauca;3.43722;-76.5225;76
Barranquilla;Atlántico;10.96854;-74.78132;08
@Peru|0.3|51|#####|0.3|es
Lima;Lima;-12.04318;-77.02824;15
Arequipa;Arequipa;-16.39889;-71.535;04
@South Africa|0.8|27|####|0.5|en
Johannesburg;Gauteng;-26.20227;28.04363;2
Cape Town;Western Cape;-33.92584;18.42322;79
Durban;KwaZulu-Natal;-29.8579;31.0292;40
Pretoria;Gauteng;-25.74486;28.18783;00
Soweto;Gauteng;-26.26781;27.85849;18
@Kenya|0.3|254|#####|0.2|en
Nairobi;Nairobi;-1.28333;36.81667;00
Kisumu;Kisumu;-0.10221;34.76171;40
@Uganda|0.3|256|#####|0.1|en
Kampala;Central Region;0.31628;32.58219;0
@Nigeria|0.3|234|######|0.3|en
Lagos;Lagos;6.45407;3.39467;10
Ibadan;Oyo;7.37756;3.90591;20
Abuja;Federal Capital Territory;9.05785;7.49508;90
@Malawi|0.2|265|####|0|en
Blantyre;Southern Region;-15.78499;35.00854;3
Lilongwe;Central Region;-13.96692;33.78725;2
@Saudi Arabia|0.6|966|#####|0.3|en
Riyadh;Riyadh Region;24.68773;46.72185;1
Jeddah;Makkah Region;21.49012;39.18624;2
Dammam;Eastern Province;26.43442;50.10326;3
@Thailand|0.6|66|#####|0.3|en
Bangkok;Bangkok;13.75398;100.50144;10
Chiang Mai;Chiang Mai;18.79038;98.98468;50
Khon Kaen;Khon Kaen;16.44671;102.833;40
@Singapore|0.5|65|######|0|en
Singapore;;1.28967;103.85007;1
@Malaysia|0.5|60|#####|0.4|en
Kuala Lumpur;Wilayah Persekutuan;3.1412;101.68653;50
George Town;Pulau Pinang;5.41123;100.33543;10
Kota Bharu;Kelantan;6.13328;102.2386;15
@Vietnam|0.3|84|######|0.2|en
Hanoi;Hà Nội;21.0245;105.84117;10
Ho Chi Minh City;Hồ Chí Minh;10.82302;106.62965;70
@Philippines|0.3|63|####|0.2|en
Manila;National Capital Region;14.6042;120.9822;10
Quezon City;National Capital Region;14.6488;121.0509;11
Cebu City;Central Visayas;10.31672;123.89071;60
@Hong Kong|0.6|852||0|en
Hong Kong;;22.27832;114.17469;
Shatin;;22.38333;114.18333;
@Portugal|0.5|351|####-###|0.2|pt
Lisboa;Lisboa;38.71667;-9.13333;1
Porto;Porto;41.14961;-8.61099;4
Coimbra;Coimbra;40.20564;-8.41955;30
@Ireland|0.4|353|@## @@##|0.3|en
Dublin;Dublin;53.33306;-6.24889;D0
Cork;Cork;51.89797;-8.47061;T12
Galway;Galway;53.27245;-9.05095;H91
@Romania|0.6|40|######|0.3|pl
București;București;44.43225;26.10626;0
Cluj-Napoca;Cluj;46.76667;23.6;400
Iași;Iași;47.16667;27.6;700
Timișoara;Timiș;45.75372;21.22571;300
@Bulgaria|0.6|359|####|0.1|pl
Sofia;Sofia City;42.69751;23.32415;1
Plovdiv;Plovdiv;42.15;24.75;40
Varna;Varna;43.21667;27.91667;90
@Serbia|0.3|381|#####|0|pl
Belgrade;;44.80401;20.46513;11
Novi Sad;;45.25167;19.83694;21
@Ukraine|0.5|380|#####|0.3|pl
Kyiv;Kyiv City;50.45466;30.5238;0
Kharkiv;Kharkivska Oblast;49.98081;36.25272;61
Lviv;Lvivska Oblast;49.83826;24.02324;79
Dnipro;Dnipropetrovska Oblast;48.4593;35.03865;49
@Russian Federation|0.8|7|######|0.1|pl
Moscow;;55.75222;37.61556;1
Saint Petersburg;;59.93863;30.31413;19
Kazan;;55.78874;49.12214;420
Novosibirsk;;55.0415;82.9346;630
Yekaterinburg;;56.8519;60.6122;620
@Slovakia|0.3|421|### ##|0|pl
Bratislava;;48.14816;17.10674;8
Košice;;48.71395;21.25808;04
@Croatia|0.2|385|#####|0|pl
Zagreb;;45.81444;15.97798;10
Split;;43.50891;16.43915;21
@Lithuania|0.2|370|LT-#####|0|pl
Vilnius;;54.68916;25.2798;LT-0
Kaunas;;54.90272;23.90961;LT-5
@Estonia|0.2|372|#####|0|pl
Tallinn;;59.43696;24.75353;1
Tartu;;58.38062;26.72509;5
@Latvia|0.2|371|LV-####|0|pl
Riga;;56.946;24.10589;LV-10
@Georgia|0.2|995|####|0|en
Tbilisi;;41.69411;44.83368;01
@Lebanon|0.3|961||0|en
Beirut;;33.89332;35.50157;
@Jordan|0.2|962|#####|0|en
Amman;;31.95522;35.94503;11
@Tunisia|0.3|216|####|0|fr
Tunis;;36.81897;10.16579;10
Sfax;;34.74056;10.76028;30
@Morocco|0.2|212|#####|0|fr
Casablanca;;33.58831;-7.61138;20
Rabat;;34.01325;-6.83255;10
@New Zealand|0.3|64|####|0.2|en
Auckland;Auckland;-36.84853;174.76349;10
Wellington;Wellington;-41.28664;174.77557;60
Christchurch;Canterbury;-43.53333;172.63333;80
@Puerto Rico|0.2|1|00###|0.1|us
San Juan;;18.46633;-66.10572;009
Ponce;;18.01108;-66.61406;007
"""

FACILITY_STYLES = {
    "us": ["{L} Medical Center", "{C} General Hospital", "University of {C} Medical Center",
           "{C} Cancer Institute", "{L} Research Associates", "{C} Clinical Research, LLC",
           "{L} Memorial Hospital", "{C} Children's Hospital", "{L} Health System",
           "{C} VA Medical Center", "{L} Clinic", "{C} Heart Institute",
           "{C} Center for Clinical Studies", "{L} Cancer Center at {C}"],
    "en": ["{C} University Hospital", "Royal {C} Hospital", "{C} General Hospital",
           "St {L}'s Hospital", "{C} Clinical Research Centre", "{L} Institute",
           "{C} Regional Hospital", "{C} Medical Centre", "University of {C}",
           "{C} Teaching Hospital"],
    "fr": ["Centre Hospitalier Universitaire de {C}", "Hôpital {L}", "Institut {L}",
           "CHU de {C}", "Centre de Lutte contre le Cancer {L}", "Hôpital Privé de {C}",
           "Clinique {L}", "Groupe Hospitalier {L}"],
    "de": ["Universitätsklinikum {C}", "Klinikum {C}", "Praxis Dr. {L}",
           "Studienzentrum {C}", "Krankenhaus {L}", "Uniklinik {C}",
           "Klinik für Innere Medizin {C}", "{L} Klinik"],
    "es": ["Hospital Universitario {L}", "Hospital General de {C}", "Hospital Clínico de {C}",
           "Clínica {L}", "Instituto de Investigación {L}", "Centro Médico {L}",
           "Hospital Universitario de {C}", "Fundación {L}"],
    "pt": ["Hospital das Clínicas de {C}", "Hospital {L}", "Instituto {L}",
           "Centro de Pesquisa Clínica de {C}", "Hospital Universitário de {C}",
           "Clínica {L}"],
    "it": ["Azienda Ospedaliera Universitaria di {C}", "Ospedale {L}", "Policlinico {L}",
           "Istituto Clinico {L}", "Fondazione IRCCS {L}", "Università degli Studi di {C}",
           "ASST {C}", "Ospedale San {L}"],
    "cn": ["{C} First People's Hospital", "The First Affiliated Hospital of {C} University",
           "{C} Cancer Hospital", "{C} Chest Hospital", "The Second Hospital of {C}",
           "{C} Union Hospital", "{C} Provincial People's Hospital",
           "{C} Maternal and Child Health Hospital", "{C} Tumor Hospital"],
    "jp": ["{C} University Hospital", "{C} Medical Center", "{L} Clinic",
           "National Hospital Organization {C} Medical Center", "{C} City Hospital",
           "{C} Red Cross Hospital", "{L} Memorial Hospital"],
    "kr": ["{C} National University Hospital", "{L} Medical Center", "{C} St. Mary's Hospital",
           "{C} University Hospital", "{L} Hospital", "{C} Medical Center"],
    "nl": ["Universitair Medisch Centrum {C}", "Ziekenhuis {L}", "{L} Ziekenhuis",
           "Universitair Ziekenhuis {C}", "Academisch Ziekenhuis {C}", "Centre Hospitalier {L}"],
    "dk": ["{C} University Hospital", "{L} Hospital", "{C} Sjukhus", "{C} Clinical Trial Unit",
           "Rigs {L} Hospital"],
    "pl": ["{C} University Hospital", "Clinical Hospital {L}", "Medical Center {L}",
           "{C} Regional Hospital", "Institute of {L} in {C}", "{L} Clinic"],
    "tr": ["{C} University Faculty of Medicine", "{C} Training and Research Hospital",
           "{C} City Hospital", "{L} Hospital", "{C} Medical Park Hospital"],
}
ANONYMOUS_SITES = ["Research Site", "Local Institution - {n:04d}", "Investigational Site Number "
                   "{n:06d}", "{S} Investigative Site", "Site {n:04d}", "Clinical Research Site"]

# Condition categories: browse branch (abbrev, name), ancestor terms, words that place a
# condition in the category.
CONDITION_CATEGORIES: list[tuple[str, str, list[str], list[str]]] = [
    ("BC04", "Neoplasms", ["Neoplasms", "Neoplasms by Histologic Type", "Neoplasms by Site"],
     ["cancer", "carcinoma", "lymphoma", "leukemia", "myeloma", "melanoma", "glioblastoma",
      "sarcoma", "neoplasm", "metastases", "tumor", "myelodysplastic"]),
    ("BC10", "Nervous System Diseases",
     ["Nervous System Diseases", "Central Nervous System Diseases", "Neurodegenerative Diseases"],
     ["sclerosis", "parkinson", "alzheimer", "stroke", "epilepsy", "migraine", "neuro",
      "myelitis", "spinal", "brain", "palsy", "neuropathy", "myasthenia", "guillain",
      "muscular", "devic", "optic", "polyneuropathy", "als", "cerebral", "huntington"]),
    ("BXM", "Behaviors and Mental Disorders",
     ["Mental Disorders", "Behavior and Behavior Mechanisms"],
     ["depress", "schizo", "bipolar", "anxiety", "autism", "insomnia", "use disorder",
      "smoking"]),
    ("BC18", "Nutritional and Metabolic Diseases",
     ["Metabolic Diseases", "Nutrition Disorders", "Glucose Metabolism Disorders"],
     ["diabetes", "obesity", "metabolic", "deficiency"]),
    ("BC14", "Heart and Blood Diseases",
     ["Cardiovascular Diseases", "Heart Diseases", "Vascular Diseases"],
     ["heart", "hypertension", "coronary", "atrial", "myocardial", "arterial", "ischemia",
      "vascular", "cardiac"]),
    ("BC08", "Respiratory Tract (Lung and Bronchial) Diseases",
     ["Respiratory Tract Diseases", "Lung Diseases", "Respiration Disorders"],
     ["asthma", "copd", "pulmonary", "pneumonia", "respiratory", "bronchopulmonary",
      "cystic fibrosis"]),
    ("BC01", "Infections", ["Infections", "Communicable Diseases", "Virus Diseases"],
     ["covid", "hiv", "hepatitis", "tuberculosis", "malaria", "influenza", "sepsis",
      "infection"]),
    ("BC06", "Digestive System Diseases",
     ["Digestive System Diseases", "Gastrointestinal Diseases", "Liver Diseases"],
     ["liver", "steatohepatitis", "crohn", "colitis", "bowel", "gastric", "hepatic",
      "biliary", "esophageal", "pancreatic"]),
    ("BXS", "Urinary Tract, Sexual Organs, and Pregnancy Conditions",
     ["Urogenital Diseases", "Kidney Diseases", "Pregnancy Complications"],
     ["kidney", "renal", "nephritis", "erectile", "infertility", "endometriosis", "ovary",
      "preeclampsia", "premature", "bladder", "prostat"]),
    ("BC05", "Musculoskeletal Diseases",
     ["Musculoskeletal Diseases", "Joint Diseases", "Bone Diseases"],
     ["arthritis", "osteo", "spondylitis", "back pain", "fibromyalgia", "bone"]),
    ("BC17", "Skin and Connective Tissue Diseases",
     ["Skin Diseases", "Connective Tissue Diseases", "Skin and Connective Tissue Diseases"],
     ["psoriasis", "dermatitis", "lupus", "systemic sclerosis", "ulcer", "burns", "cutaneous"]),
    ("BC20", "Immune System Diseases", ["Immune System Diseases", "Autoimmune Diseases"],
     ["graft", "lupus", "autoimmune", "immune"]),
    ("BC15", "Blood and Lymph Conditions", ["Hematologic Diseases", "Anemia"],
     ["anemia", "sickle", "thalassemia", "hemophilia", "aplastic"]),
    ("BC11", "Eye Diseases", ["Eye Diseases", "Retinal Diseases"],
     ["macular", "retinopathy", "glaucoma", "dry eye", "retinitis", "ocular"]),
    ("BC09", "Ear, Nose, and Throat Diseases", ["Otorhinolaryngologic Diseases", "Ear Diseases"],
     ["hearing"]),
    ("BC23", "Symptoms and General Pathology",
     ["Pathologic Processes", "Signs and Symptoms", "Pathological Conditions, Anatomical"],
     ["pain", "failure", "insufficiency", "inflammation", "fibrosis", "injury", "dysfunction",
      "stenosis", "degeneration"]),
    ("BC25", "Substance Related Disorders",
     ["Substance-Related Disorders", "Chemically-Induced Disorders"],
     ["alcohol", "opioid", "smoking"]),
    ("BC19", "Gland and Hormone Related Diseases", ["Endocrine System Diseases"],
     ["thyroid", "adrenal", "polycystic"]),
]
# Drug stems -> (ancestor terms, browse branch).
DRUG_CLASSES: list[tuple[tuple[str, ...], list[str], tuple[str, str]]] = [
    (("mab", "zumab", "ximab"),
     ["Antibodies, Monoclonal", "Immunoglobulins", "Antineoplastic Agents, Immunological"],
     ("ANeo", "Antineoplastic Agents")),
    (("nib", "tinib", "ciclib"),
     ["Protein Kinase Inhibitors", "Enzyme Inhibitors", "Antineoplastic Agents"],
     ("ANeo", "Antineoplastic Agents")),
    (("platin", "rubicin", "taxel", "mustine"),
     ["Antineoplastic Agents", "Cytotoxins", "Tubulin Modulators"],
     ("ANeo", "Antineoplastic Agents")),
    (("parin",), ["Anticoagulants", "Fibrinolytic Agents", "Hematologic Agents"],
     ("AnCoag", "Anticoagulants")),
    (("stat", "vastatin"),
     ["Hydroxymethylglutaryl-CoA Reductase Inhibitors", "Anticholesteremic Agents",
      "Lipid Regulating Agents"], ("Lipd", "Lipid Regulating Agents")),
    (("vir", "previr"), ["Antiviral Agents", "Anti-Infective Agents"],
     ("Infe", "Anti-Infective Agents")),
    (("oxacin", "cycline", "azole"), ["Anti-Bacterial Agents", "Anti-Infective Agents"],
     ("Infe", "Anti-Infective Agents")),
    (("sartan", "pril", "olol", "dipine"),
     ["Antihypertensive Agents", "Cardiovascular Agents", "Vasodilator Agents"],
     ("CVA", "Cardiovascular Agents")),
    (("gliflozin", "gliptin", "tide"),
     ["Hypoglycemic Agents", "Incretins", "Physiological Effects of Drugs"],
     ("Hypo", "Hypoglycemic Agents")),
    (("lukast",), ["Leukotriene Antagonists", "Anti-Asthmatic Agents", "Respiratory System Agents"],
     ("Resp", "Respiratory System Agents")),
]

ORGAN_SYSTEMS: list[tuple[str, list[str]]] = [
    ("Gastrointestinal disorders", ["Nausea", "Diarrhoea", "Vomiting", "Constipation",
                                    "Abdominal pain", "Dyspepsia", "Stomatitis"]),
    ("General disorders", ["Fatigue", "Pyrexia", "Oedema peripheral", "Asthenia",
                           "Injection site reaction", "Chills", "Chest pain"]),
    ("Infections and infestations", ["Nasopharyngitis", "Upper respiratory tract infection",
                                     "Urinary tract infection", "Pneumonia", "Sepsis",
                                     "Influenza", "Bronchitis", "Cellulitis"]),
    ("Nervous system disorders", ["Headache", "Dizziness", "Paraesthesia", "Somnolence",
                                  "Syncope", "Neuropathy peripheral", "Dysgeusia"]),
    ("Musculoskeletal and connective tissue disorders", ["Arthralgia", "Back pain",
                                                         "Myalgia", "Pain in extremity",
                                                         "Muscle spasms"]),
    ("Skin and subcutaneous tissue disorders", ["Rash", "Pruritus", "Alopecia", "Dry skin",
                                                "Erythema"]),
    ("Respiratory, thoracic and mediastinal disorders", ["Cough", "Dyspnoea",
                                                         "Oropharyngeal pain", "Epistaxis",
                                                         "Pulmonary embolism"]),
    ("Blood and lymphatic system disorders", ["Anaemia", "Neutropenia", "Thrombocytopenia",
                                              "Febrile neutropenia", "Leukopenia"]),
    ("Investigations", ["Alanine aminotransferase increased", "Weight decreased",
                        "Blood creatinine increased", "Aspartate aminotransferase increased",
                        "Lipase increased"]),
    ("Metabolism and nutrition disorders", ["Decreased appetite", "Hypokalaemia",
                                            "Hyperglycaemia", "Dehydration",
                                            "Hypomagnesaemia"]),
    ("Cardiac disorders", ["Atrial fibrillation", "Tachycardia", "Cardiac failure",
                           "Myocardial infarction", "Palpitations"]),
    ("Vascular disorders", ["Hypertension", "Hypotension", "Deep vein thrombosis",
                            "Hot flush"]),
    ("Psychiatric disorders", ["Insomnia", "Anxiety", "Depression", "Confusional state"]),
    ("Renal and urinary disorders", ["Acute kidney injury", "Haematuria", "Proteinuria"]),
    ("Hepatobiliary disorders", ["Cholelithiasis", "Hepatic function abnormal",
                                 "Cholecystitis"]),
    ("Injury, poisoning and procedural complications", ["Fall", "Contusion",
                                                        "Infusion related reaction"]),
    ("Eye disorders", ["Vision blurred", "Cataract", "Conjunctivitis"]),
]
SCALES = [
    "HbA1c", "EDSS", "PHQ-9", "HAM-D", "MoCA", "6-minute walk distance", "FEV1", "NIHSS",
    "DAS28-CRP", "PASI", "EASI", "WOMAC", "Oswestry Disability Index", "SF-36", "EQ-5D-5L",
    "numeric rating scale pain", "ADAS-Cog", "MDS-UPDRS Part III", "BDI-II", "GAD-7",
    "Insomnia Severity Index", "KCCQ", "left ventricular ejection fraction",
    "systolic blood pressure", "body weight", "LDL cholesterol", "eGFR", "HIV-1 RNA",
    "CD4+ cell count", "visual analogue scale pain", "best-corrected visual acuity",
    "fasting plasma glucose", "serum ferritin", "C-reactive protein", "ALSFRS-R",
]
MEASURE_PATTERNS = [
    "Change from baseline in {s} at Week {w}",
    "Change from Baseline in {s} at Month {m}",
    "Number of participants with treatment-emergent adverse events",
    "Number of Participants With Serious Adverse Events",
    "Overall survival",
    "Progression-free survival (PFS)",
    "Objective response rate (ORR)",
    "Maximum plasma concentration (Cmax) of {d}",
    "Area under the concentration-time curve (AUC0-inf) of {d}",
    "Proportion of participants achieving {s} response at Week {w}",
    "Time to first {c} relapse",
    "Incidence of {ae}",
    "Percentage of participants with {c} remission",
    "{s} score",
    "Mean {s} at {m} months",
    "All-cause mortality at Day {dd}",
    "Hospital length of stay",
    "Recruitment rate",
    "Adherence to {i}",
    "Dose-limiting toxicities (DLTs)",
    "Duration of response",
    "Rate of {c} exacerbations",
    "Number of participants with clinically significant laboratory abnormalities",
]
TIME_FRAMES = [
    "Baseline and Week {w}", "Up to {m} months", "{w} weeks", "Baseline, Week {w4}, Week {w}",
    "From randomization up to {y} years", "Day 1 to Day {dd}", "Up to approximately {y} years",
    "At {m} months", "Pre-dose and up to 72 hours post-dose on Day 1",
    "From first dose up to {dd} days after last dose", "{dd} days", "Week {w}",
    "Baseline, 3 months, 6 months and 12 months", "Through study completion, an average of 1 year",
]
OFFICIAL_PATTERNS = [
    "A {ph}{d1}, {d2} Study to Evaluate the {e} of {t} in {pp} With {c}",
    "A {d1} {ph}Trial of {t} Versus {t2} in {pp} With {c}",
    "{e} of {t} in {pp} With {c}: {d1} {d2} Trial",
    "An Open-label, Single-arm {ph}Study of {t} in {pp} With {c}",
    "A {d1} Study Comparing {t} and {t2} for {c}",
]
OBSERVATIONAL_PATTERNS = [
    "A Prospective Observational Study of {w} in {pp} With {c}",
    "{c} Registry: {e} of {t} in Routine Clinical Practice",
    "A Retrospective Cohort Study of {pp} With {c}",
    "Natural History of {c} in {pp}: a Multicenter Cohort",
]
DESIGN_WORDS = ["Randomized", "Double-blind", "Placebo-controlled", "Multicenter",
                "Open-label", "Prospective", "Parallel-group", "Pilot", "Controlled",
                "Crossover", "Dose-escalation", "Non-inferiority", "Pragmatic"]
EFFECT_WORDS = ["Efficacy and Safety", "Safety and Tolerability", "Pharmacokinetics",
                "Effectiveness", "Safety, Tolerability and Pharmacokinetics", "Efficacy",
                "Feasibility", "Long-term Safety", "Immunogenicity and Safety"]
POPULATION_WORDS = ["Participants", "Patients", "Adults", "Children", "Adolescents",
                    "Healthy Volunteers", "Older Adults", "Women", "Men"]
SUMMARY_LEADS = [
    "The purpose of this study is to evaluate {t} in participants with {c}.",
    "This study will assess the safety and efficacy of {t} in patients with {c}.",
    "The main aim of this trial is to find out whether {t} improves {w} in people with {c}.",
    "Researchers want to learn if {t} can help people who have {c}.",
    "This is a {d1} study of {t} compared with {t2} in adults with {c}.",
    "The goal of this observational study is to learn about {w} in patients with {c}.",
    "This pilot study will test the feasibility of {t} for {c}.",
]
CRITERIA_EXTRA = [
    "Age \\>= {a} years at the time of signing informed consent",
    "ECOG performance status \\<= {n}",
    "HbA1c \\> {n}.{n2}% at screening",
    "Platelet count ≥ 100 × 10\\^9/L",
    "Absolute neutrophil count ≥ 1.5 × 10\\^9/L",
    "Estimated glomerular filtration rate \\< {m} mL/min/1.73 m2",
    "Body weight ≥ {b} kg",
    "Documented diagnosis of {c} for at least {n} months",
    "Confirmed {c} \\[per {w} criteria\\]",
    "Willing and able to comply with all study procedures",
    "Women of childbearing potential must use effective contraception",
    "Known hypersensitivity to {d} or any of its excipients",
    "Prior treatment with {d} within {n} weeks",
    "QTcF \\> 470 ms",
    "Uncontrolled hypertension (systolic \\> 160 mmHg)",
]
DROP_REASONS = ["Adverse Event", "Withdrawal by Subject", "Lost to Follow-up",
                "Physician Decision", "Death", "Protocol Violation", "Lack of Efficacy",
                "Sponsor Decision", "Progressive Disease", "Other"]
STAT_METHODS = ["ANCOVA", "Mixed Models Analysis", "t-Test, 2 sided", "Chi-squared",
                "Fisher Exact", "Log Rank", "Cochran-Mantel-Haenszel",
                "Wilcoxon (Mann-Whitney)", "Regression, Logistic", "Regression, Cox", "ANOVA"]
ANALYSIS_PARAMS = ["Mean Difference (Final Values)", "Odds Ratio (OR)", "Hazard Ratio (HR)",
                   "Risk Difference (RD)", "LS Mean Difference", "Median Difference (Final Values)"]
WHY_STOPPED = [
    "Slow recruitment", "Sponsor decision", "Funding ended", "Business decision",
    "Lack of efficacy at interim analysis", "Investigator left the institution",
    "COVID-19 pandemic", "Study drug no longer available", "Safety concerns",
    "The study was not started", "Enrollment goal not met",
]
IPD_DESCRIPTIONS = [
    "There is no plan to make individual participant data available to other researchers.",
    "De-identified individual participant data that underlie the results reported in this "
    "article will be shared after publication.",
    "Qualified researchers may request access to patient-level data and related study "
    "documents after the study is completed.",
    "Data will be available on reasonable request to the principal investigator.",
]
SECONDARY_DOMAINS = ["CTIS", "jRCT", "WHO", "ChiCTR", "ISRCTN", "CTRI", "ANZCTR", "IRCT",
                     "DRKS", "PACTR"]


# --- pools: everything built once per process, independent of the corpus seed -------------


@dataclass(frozen=True)
class _Place:
    country: str
    calling: str
    style: str
    city: str
    state: str | None
    geo: dict[str, float]


@dataclass(frozen=True)
class _Site:
    facility: str
    city: str
    state: str | None
    zip: str | None
    country: str
    geo: dict[str, float] | None
    calling: str
    plain: Study  # the location object without status and contacts


def _fill(pattern: str, prefix: str, rng: random.Random) -> str:
    """A code of the pattern (# a digit, @ a capital letter) that starts with prefix.

    A prefix as long as the part before the pattern's space replaces that part ("EH16").
    """
    space = pattern.find(" ")
    if 0 < space <= len(prefix):
        out, rest = list(prefix), pattern[space:]
    else:
        out, rest = list(prefix[: len(pattern)]), pattern[len(prefix):]
    for char in rest:
        if char == "#":
            out.append(str(rng.randrange(10)))
        elif char == "@":
            out.append(chr(65 + rng.randrange(26)))
        else:
            out.append(char)
    return "".join(out)


def _mesh_id(prefix: str, term: str, width: int) -> str:
    return f"{prefix}{zlib.crc32(term.encode('utf-8')) % 10**width:0{width}d}"


class _Pools:
    """Sentences, names, sites and derived blocks, drawn once from fixed seeds."""

    def __init__(self, vocab: Vocabulary) -> None:
        rng = random.Random(20250930)
        writer = _Writer(rng, vocab)
        self.heads: list[str] = []
        self.tails: list[str] = []
        for _ in range(24_000):
            words = writer.sentence(8, 22).split(" ")
            cut = max(1, len(words) // 2)
            self.heads.append(" ".join(words[:cut]))
            self.tails.append(" " + " ".join(words[cut:]))  # with its leading space
        self.rare = vocab.rare_words
        self.words = vocab.words[:600]
        self.top_words = vocab.words[:300]
        self.conditions = vocab.conditions
        self.condition_cum = vocab.condition_weights
        self.drugs = vocab.drugs
        self.interventions = vocab.interventions
        self.names = [f"{f} {last}" for f in FIRST_NAMES for last in LAST_NAMES]
        rng.shuffle(self.names)
        self._sponsors(vocab, rng)
        self._places(rng)
        self.condition_blocks = {c: self._condition_block(c) for c in self.conditions}
        self.drug_blocks = {d: self._drug_block(d) for d in self.drugs}
        self.other_names = [self._code(rng) for _ in range(3000)]
        self.measures = [self._measure_template(rng) for _ in range(6000)]
        self.citations = [self._citation(rng) for _ in range(20000)]
        self.criteria = [self._criterion_template(rng) for _ in range(20000)]
        self.brands = list(dict.fromkeys(
            ("".join(rng.choice(DRUG_SYLLABLES) for _ in range(rng.randint(2, 3)))
             + rng.choice(["x", "ra", "vo", "lia", "tra", "max", "ine", "on"])).capitalize()
            for _ in range(2000)))

    def _citation(self, rng: random.Random) -> tuple[str, str]:
        """A citation in two halves, between which a study may put a word of its topic."""
        authors = ", ".join(
            f"{rng.choice(LAST_NAMES)} {chr(65 + rng.randrange(26))}"
            f"{chr(65 + rng.randrange(26)) if rng.random() < 0.5 else ''}"
            for _ in range(rng.randint(1, 6)))
        head = rng.choice(self.heads)
        tail = rng.choice(self.tails)
        return (f"{authors}{', et al' if rng.random() < 0.4 else ''}. {head}",
                f"{tail[1:]} {rng.choice(JOURNALS)}. {rng.randint(1985, 2025)} "
                f"{rng.choice(MONTH_ABBR)};{rng.randint(1, 400)}({rng.randint(1, 24)}):"
                f"{rng.randint(1, 3000)}-{rng.randint(1, 3000)}.")

    def _measure_template(self, rng: random.Random) -> tuple[str, bool, str]:
        """(measure, whether it still holds {d} or {c}, time frame)."""
        w = rng.choice([4, 8, 12, 12, 16, 24, 26, 48, 52])
        measure = rng.choice(MEASURE_PATTERNS).format(
            s=rng.choice(SCALES), w=w, m=rng.choice([3, 6, 12, 18, 24]), d="{d}", c="{c}",
            ae=rng.choice(rng.choice(ORGAN_SYSTEMS)[1]).lower(), dd=rng.choice([7, 28, 30, 90]),
            i="{d}")
        time_frame = rng.choice(TIME_FRAMES).format(
            w=w, w4=max(1, w // 4), m=rng.choice([3, 6, 12, 24, 36]), y=rng.choice([1, 2, 3, 5]),
            dd=rng.choice([7, 14, 28, 30, 90, 180]))
        return measure, "{" in measure, time_frame

    def _criterion_template(self, rng: random.Random) -> tuple[str, bool]:
        """(criterion, whether it still holds {d} or {c})."""
        if rng.random() < 0.6:
            a = rng.randint(12, 65)
            text = rng.choice(CRITERION_PATTERNS).format(
                a=a, b=a + rng.randint(5, 60), n=rng.randint(1, 12), m=rng.randint(15, 90),
                c="{c}", w=rng.choice(["WHO", "ACR/EULAR", "McDonald", "DSM-5", "RECIST 1.1",
                                       "Rome IV"]), d="{d}", d2=rng.choice(self.drugs))
        else:
            text = rng.choice(CRITERIA_EXTRA).format(
                a=rng.choice([18, 18, 12, 40, 50, 65]), n=rng.randint(1, 9),
                n2=rng.randint(0, 9), m=rng.choice([30, 45, 60]), b=rng.choice([40, 45, 50]),
                c="{c}", w=rng.choice(["WHO", "RECIST 1.1", "ICHD-3"]), d="{d}")
        return text, "{" in text

    @staticmethod
    def _code(rng: random.Random) -> str:
        letters = "".join(chr(65 + rng.randrange(26)) for _ in range(rng.randint(2, 4)))
        return f"{letters}{rng.choice(['-', '', ' '])}{rng.randint(10, 99999)}"

    def _sponsors(self, vocab: Vocabulary, rng: random.Random) -> None:
        companies = set(COMPANIES)
        industry = list(dict.fromkeys(
            [s for s in vocab.sponsors if s in companies or s.endswith(tuple(COMPANY_SUFFIXES))]
            + COMPANIES))
        academic = [s for s in vocab.sponsors if s not in industry and "(NCI)" not in s]
        by_class: dict[str, list[str]] = {
            "OTHER": academic,
            "INDUSTRY": industry,
            "OTHER_GOV": ["Ministry of Health, Brazil", "Assistance Publique - Hôpitaux de Paris",
                          "Hospices Civils de Lyon", "Instituto de Salud Carlos III",
                          "Hong Kong Hospital Authority", "Medical Research Council",
                          "Public Health Agency of Canada", "Japan Agency for Medical Research"
                          " and Development", "Danish Regions", "Korea Disease Control and "
                          "Prevention Agency", "Servicio Madrileño de Salud"],
            "NIH": ["National Cancer Institute (NCI)", "National Institute of Allergy and "
                    "Infectious Diseases (NIAID)", "National Heart, Lung, and Blood Institute "
                    "(NHLBI)", "National Institute of Mental Health (NIMH)", "National "
                    "Institute on Aging (NIA)", "National Institute on Drug Abuse (NIDA)",
                    "National Institute of Neurological Disorders and Stroke (NINDS)"],
            "NETWORK": ["Children's Oncology Group", "ECOG-ACRIN Cancer Research Group",
                        "European Organisation for Research and Treatment of Cancer - EORTC",
                        "Alliance for Clinical Trials in Oncology", "NRG Oncology",
                        "SWOG Cancer Research Network", "Canadian Cancer Trials Group"],
            "FED": ["VA Office of Research and Development", "U.S. Army Medical Research and "
                    "Development Command", "Centers for Disease Control and Prevention",
                    "Uniformed Services University of the Health Sciences"],
            "INDIV": [f"{n.split(' ')[1]}, {n.split(' ')[0]}" for n in
                      rng.sample(self.names, 300)],
        }
        self.sponsor_classes = list(by_class)
        self.sponsor_class_cum = list(_accumulate([71.5, 22, 2.7, 1.9, 0.8, 0.8, 0.3]))
        self.sponsors = by_class
        self.sponsor_cums = {k: _cumulative(len(v), 0.75, 4) for k, v in by_class.items()}
        self.collaborators = [s for names in by_class.values() for s in names[:60]]
        self.collaborator_class = {s: k for k, names in by_class.items() for s in names}

    def _places(self, rng: random.Random) -> None:
        places: list[_Place] = []
        codes: list[tuple[str, str, float]] = []  # (zip pattern, zip prefix, state share)
        weights: list[float] = []
        share, zipfmt, state_share, rank = 0.0, "", 0.0, 0
        name = calling = style = ""
        for line in _lines(PLACES):
            if line.startswith("@"):
                name, share_text, calling, zipfmt, state_text, style = line[1:].split("|")
                share, state_share, rank = float(share_text), float(state_text), 0
                continue
            city, state, lat, lon, prefix = line.split(";")
            places.append(_Place(name, calling, style, city, state or None,
                                 {"lat": float(lat), "lon": float(lon)}))
            codes.append((zipfmt, prefix, state_share))
            weights.append(share / (rank + 1.5) ** 0.9)
            rank += 1
        self.places = places
        self.place_cum = list(_accumulate(weights))
        # Eight addressable facilities per city; the first ones are the busiest.
        self.sites: list[list[_Site]] = []
        for place, (zipfmt, prefix, state_share) in zip(places, codes, strict=True):
            styles = FACILITY_STYLES.get(place.style, FACILITY_STYLES["en"])
            seen: dict[str, None] = {}
            while len(seen) < 8:
                pattern = rng.choice(styles)
                seen[pattern.format(C=place.city, L=rng.choice(LAST_NAMES))] = None
            row = []
            for name in seen:
                site_state = place.state if rng.random() < state_share else None
                code = _fill(zipfmt, prefix, rng) if zipfmt and rng.random() < 0.9 else None
                geo = place.geo if rng.random() < 0.97 else None
                plain: Study = {"facility": name, "city": place.city}
                if site_state:
                    plain["state"] = site_state
                if code:
                    plain["zip"] = code
                plain["country"] = place.country
                if geo:
                    plain["geoPoint"] = geo
                row.append(_Site(name, place.city, site_state, code, place.country, geo,
                                 place.calling, plain))
            self.sites.append(row)

    def _condition_block(self, condition: str) -> dict[str, list[dict[str, str]]]:
        key = condition.casefold()
        found = [cat for cat in CONDITION_CATEGORIES if any(w in key for w in cat[3])]
        if not found:
            found = [cat for cat in CONDITION_CATEGORIES if cat[0] == "BC23"]
        meshes = [{"id": _mesh_id("D000", condition, 6), "term": condition}]
        ancestors: list[dict[str, str]] = []
        leaves = [{"id": _mesh_id("M", condition, 5), "name": condition, "asFound": condition,
                   "relevance": "HIGH"}]
        branches: list[dict[str, str]] = []
        for abbrev, name, terms, _ in found[:2]:
            for term in terms:
                ancestors.append({"id": _mesh_id("D000", term, 6), "term": term})
                leaves.append({"id": _mesh_id("M", term, 5), "name": term, "relevance": "LOW"})
            branches.append({"abbrev": abbrev, "name": name})
        return {"meshes": meshes, "ancestors": ancestors, "browseLeaves": leaves,
                "browseBranches": branches}

    def _drug_block(self, drug: str) -> dict[str, list[dict[str, str]]] | None:
        for stems, terms, (abbrev, name) in DRUG_CLASSES:
            if drug.endswith(stems):
                term = drug.capitalize()
                return {
                    "meshes": [{"id": _mesh_id("C000", term, 6), "term": term}],
                    "ancestors": [{"id": _mesh_id("D000", t, 6), "term": t} for t in terms],
                    "browseLeaves": [{"id": _mesh_id("M", term, 6), "name": term,
                                      "asFound": term, "relevance": "HIGH"}]
                    + [{"id": _mesh_id("M", t, 5), "name": t, "relevance": "LOW"}
                       for t in terms],
                    "browseBranches": [{"abbrev": abbrev, "name": name}],
                }
        return None


def _accumulate(values: Iterable[float]) -> Iterator[float]:
    total = 0.0
    for value in values:
        total += value
        yield total


@lru_cache(maxsize=1)
def _pools() -> _Pools:
    return _Pools(vocabulary())


# --- one study ------------------------------------------------------------------------------

_ORIGIN = datetime.date(1999, 9, 1).toordinal()
# (NCT number, first submitted): the registry's numbering against time, roughly.
_ID_DATES = [
    (0, _ORIGIN), (100_000, datetime.date(2004, 12, 1).toordinal()),
    (500_000, datetime.date(2007, 7, 1).toordinal()),
    (1_000_000, datetime.date(2009, 10, 1).toordinal()),
    (2_000_000, datetime.date(2013, 12, 1).toordinal()),
    (3_000_000, datetime.date(2016, 12, 1).toordinal()),
    (4_000_000, datetime.date(2019, 7, 1).toordinal()),
    (5_000_000, datetime.date(2021, 8, 1).toordinal()),
    (6_000_000, datetime.date(2023, 8, 1).toordinal()),
    (7_000_000, datetime.date(2025, 6, 15).toordinal()),
    (7_100_100, datetime.date(2025, 9, 15).toordinal()),
]
_TODAY = DATA_DATE.toordinal()
_Y2017 = datetime.date(2017, 1, 1).toordinal()
_PHASES = [(["NA"], 51.3), (["EARLY_PHASE1"], 1.4), (["PHASE1"], 11.6),
           (["PHASE1", "PHASE2"], 3.2), (["PHASE2"], 16.5), (["PHASE2", "PHASE3"], 1.7),
           (["PHASE3"], 8.7), (["PHASE4"], 7.8)]
_PHASE_CUM = list(_accumulate(w for _, w in _PHASES))
_ITYPES = [("DRUG", "Drug", 35), ("OTHER", "Other", 20), ("DEVICE", "Device", 12.5),
           ("BEHAVIORAL", "Behavioral", 10.6), ("PROCEDURE", "Procedure", 10),
           ("BIOLOGICAL", "Biological", 5), ("DIETARY_SUPPLEMENT", "Dietary Supplement", 3),
           ("DIAGNOSTIC_TEST", "Diagnostic Test", 2), ("RADIATION", "Radiation", 1.5),
           ("GENETIC", "Genetic", 0.3), ("COMBINATION_PRODUCT", "Combination Product", 0.3)]
_ITYPE_CUM = list(_accumulate(w for *_, w in _ITYPES))


def _iso(ordinal: int) -> str:
    return datetime.date.fromordinal(ordinal).isoformat()


def _submitted(number: int) -> int:
    """The first-submitted date (ordinal) of the NCT number."""
    index = bisect.bisect_right([n for n, _ in _ID_DATES], number) - 1
    index = min(index, len(_ID_DATES) - 2)
    (n0, d0), (n1, d1) = _ID_DATES[index], _ID_DATES[index + 1]
    return min(_TODAY - 14, d0 + (number - n0) * (d1 - d0) // (n1 - n0))


def nct_for(index: int, seed: int = 0) -> str:
    """The NCT id of study index: a shuffle of NCT00000100 .. NCT07100099, one per seed.

    Distinct indices below NCT_SPACE get distinct ids (a Feistel permutation of 24-bit
    numbers, walked until it lands below NCT_SPACE).
    """
    if not 0 <= index < NCT_SPACE:
        raise ValueError(f"a corpus holds at most {NCT_SPACE:,} studies")
    number = index
    while True:
        left, right = number >> 12, number & 0xFFF
        for round_ in range(4):
            mixed = (right * 0x9E3779B1 + seed * 0x85EBCA6B + round_ * 0xC2B2AE35) & 0xFFFFFFFF
            left, right = right, left ^ ((mixed ^ (mixed >> 15)) & 0xFFF)
        number = (left << 12) | right
        if number < NCT_SPACE:
            return f"NCT{100 + number:08d}"


def entry_name(nct_id: str) -> str:
    """The study's name in the bulk zip: its folder (last two digits) and file."""
    return f"{nct_id[-2:]}/{nct_id}.json"


class _Builder:
    """Draws one study from its own random stream."""

    def __init__(self, rng: random.Random, pools: _Pools) -> None:
        self.rng = rng
        self.r: Rand = rng.random
        self.p = pools

    # --- small draws ------------------------------------------------------------------------

    def pick(self, seq: Sequence[T]) -> T:
        return seq[int(self.r() * len(seq))]

    def weighted(self, seq: Sequence[T], cum: Sequence[float]) -> T:
        return seq[bisect.bisect_right(cum, self.r() * cum[-1])]

    def between(self, low: int, high: int) -> int:
        return low + int(self.r() * (high - low + 1))

    def heavy(self, median: float, spread: float, low: int = 0, high: int = 10**6) -> int:
        """A log-normal count: most near the median, a few far above."""
        return max(low, min(high, int(median * math.exp(spread * self.rng.gauss(0.0, 1.0)))))

    def sentences(self, count: int, topic: Sequence[str] = ()) -> list[str]:
        r, heads, tails = self.r, self.p.heads, self.p.tails
        nh, nt = len(heads), len(tails)
        out = [heads[int(r() * nh)] + tails[int(r() * nt)] for _ in range(count)]
        if topic and count > 1 and r() < 0.6:
            i = int(r() * count)
            head = heads[int(r() * nh)]
            out[i] = f"{head} {topic[int(r() * len(topic))]}{tails[int(r() * nt)]}"
        if r() < 0.15:
            i = int(r() * count)
            out[i] = f"{out[i][:-1]} {self.pick(self.p.rare)}."
        return out

    def paragraph(self, low: int, high: int, topic: Sequence[str] = ()) -> str:
        return " ".join(self.sentences(low + int(self.r() * (high - low + 1)), topic))

    def person(self) -> str:
        return self.pick(self.p.names)

    def email(self, name: str) -> str:
        first, _, last = name.partition(" ")
        return f"{first[0]}{last}@{self.pick(EMAIL_DOMAINS)}".lower().replace("'", "")

    def phone(self, calling: str) -> str:
        r = self.r
        if calling == "1":
            return f"{200 + int(r() * 800)}-{200 + int(r() * 800)}-{int(r() * 10000):04d}"
        return f"+{calling} {int(r() * 90) + 10} {int(r() * 9000) + 1000} {int(r() * 10000):04d}"

    # --- the study --------------------------------------------------------------------------

    def study(self, nct: str) -> Study:
        r, p = self.r, self.p
        self.nct = nct
        self.has_results = r() < RESULTS_SHARE
        roll = r()
        if self.has_results:
            self.kind = "OBSERVATIONAL" if roll < 0.04 else "INTERVENTIONAL"
        else:
            self.kind = ("INTERVENTIONAL" if roll < 0.75 else
                         "OBSERVATIONAL" if roll < 0.998 else "EXPANDED_ACCESS")
        self.sponsor_class = self.weighted(p.sponsor_classes, p.sponsor_class_cum)
        names = p.sponsors[self.sponsor_class]
        self.sponsor = self.weighted(names, p.sponsor_cums[self.sponsor_class])
        self.industry = self.sponsor_class == "INDUSTRY"
        count = self.weighted([1, 2, 3, 4, 5, 6, 8, 12], [40, 62, 76, 85, 90, 94, 98, 100])
        conditions: list[str] = []
        while len(conditions) < count:
            pick = self.weighted(p.conditions, p.condition_cum)
            if pick not in conditions:
                conditions.append(pick)
        self.conditions = conditions
        self.topic = [c.lower() for c in conditions]
        self.interventions = self._interventions()
        names_t = [i["name"] for i in self.interventions] or [self.pick(p.drugs)]
        self.topic += names_t
        self._dates()
        protocol: Study = {
            "identificationModule": self._identification(names_t),
            "statusModule": self._status(),
            "sponsorCollaboratorsModule": self._sponsors(),
        }
        if self.start_year >= 2017 or r() < 0.93:
            protocol["oversightModule"] = self._oversight()
        protocol["descriptionModule"] = self._description(names_t)
        protocol["conditionsModule"] = self._conditions_module()
        protocol["designModule"] = self._design()
        arms = self._arms(names_t)
        if arms:
            protocol["armsInterventionsModule"] = arms
        if self.kind != "EXPANDED_ACCESS":
            protocol["outcomesModule"] = self._outcomes(names_t)
        protocol["eligibilityModule"] = self._eligibility(names_t)
        contacts = self._contacts()
        if contacts:
            protocol["contactsLocationsModule"] = contacts
        references = self._references()
        if references:
            protocol["referencesModule"] = references
        if r() < (0.75 if self.start_year >= 2016 else 0.2):
            protocol["ipdSharingStatementModule"] = self._ipd()
        out: Study = {"protocolSection": protocol}
        if self.has_results:
            out["resultsSection"] = self._results()
            if r() < 0.35:
                out["documentSection"] = self._documents()
        out["derivedSection"] = self._derived()
        out["hasResults"] = self.has_results
        return out

    # --- identification and status ----------------------------------------------------------

    def _identification(self, names: list[str]) -> Study:
        r, p = self.r, self.p
        c = self.conditions[0]
        t, t2 = names[0], (names[1] if len(names) > 1 else self.pick(p.drugs))
        title = self.pick(TITLE_PATTERNS).format(
            t=t, t2=t2.capitalize(), c=c, w=self.pick(p.top_words).capitalize(),
            w2=self.pick(p.top_words), p=self.pick(["I", "II", "III", "I/II"]))
        module: Study = {"nctId": self.nct, "orgStudyIdInfo": {"id": self._org_id()}}
        if r() < 0.4:
            module["secondaryIdInfos"] = [self._secondary_id()
                                          for _ in range(self.weighted([1, 2, 3], [70, 92, 100]))]
        module["organization"] = {"fullName": self.sponsor, "class": self.sponsor_class}
        module["briefTitle"] = title
        if r() < 0.92:
            phase = "" if self.kind != "INTERVENTIONAL" else self.pick(
                ["", "Phase 2, ", "Phase 3, ", "Phase 1, ", "Phase II ", ""])
            patterns = (OFFICIAL_PATTERNS if self.kind == "INTERVENTIONAL" else
                        OBSERVATIONAL_PATTERNS)
            module["officialTitle"] = self.pick(patterns).format(
                ph=phase, d1=self.pick(DESIGN_WORDS), d2=self.pick(DESIGN_WORDS),
                e=self.pick(EFFECT_WORDS), t=t, t2=t2, pp=self.pick(POPULATION_WORDS), c=c,
                w=self.pick(p.top_words))
        if r() < 0.28:
            module["acronym"] = "".join(
                self.pick(DRUG_SYLLABLES) for _ in range(self.between(2, 3))).upper()
        return module

    def _org_id(self) -> str:
        r = self.r
        year = self.start_year
        form = int(r() * 6)
        if form == 0:
            return f"IRB{year}-{int(r() * 9000) + 1000}"
        if form == 1:
            return f"{self.pick(self.p.other_names)}-{int(r() * 900) + 100}"
        if form == 2:
            return f"{year}-{int(r() * 99999):05d}"
        if form == 3:
            return f"{int(r() * 90000) + 10000}"
        if form == 4:
            letters = "".join(w[0] for w in self.sponsor.split() if w[:1].isalpha())[:5].upper()
            return f"{letters or 'ST'}-{year % 100:02d}-{int(r() * 999) + 1:03d}"
        return f"{self.pick(['H', 'HSC', 'STUDY', 'PRO'])}{int(r() * 10**8):08d}"

    def _secondary_id(self) -> Study:
        r = self.r
        form = int(r() * 5)
        if form == 0:
            return {"id": f"{self.start_year}-{int(r() * 10**6):06d}-{int(r() * 100):02d}",
                    "type": "EUDRACT_NUMBER"}
        if form == 1:
            grant = (f"{self.pick(['R01', 'U01', 'P30', 'K23', 'R21', 'UG1'])}"
                     f"{self.pick(['CA', 'HL', 'AI', 'MH', 'NS', 'DK', 'AG', 'DA'])}"
                     f"{int(r() * 900000) + 100000}")
            return {"id": grant, "type": "NIH",
                    "link": f"https://reporter.nih.gov/quickSearch/{grant}"}
        if form == 2:
            return {"id": f"{self.start_year}-{int(r() * 10**6):06d}-{int(r() * 100):02d}-00",
                    "type": "REGISTRY", "domain": self.pick(SECONDARY_DOMAINS)}
        if form == 3:
            return {"id": f"{self.pick(self.p.other_names)}", "type": "OTHER_GRANT",
                    "domain": self.pick(self.p.collaborators)}
        return {"id": f"{self.pick(self.p.other_names)}", "type": "OTHER",
                "domain": self.sponsor}

    def _dates(self) -> None:
        r, gauss = self.r, self.rng.gauss
        number = int(self.nct[3:])
        submitted = _submitted(number)
        self.submitted = submitted
        start = submitted + int(gauss(40, 200))
        if self.has_results:
            start = min(start, _TODAY - 400)
        primary = start + max(30, int(math.exp(gauss(6.7, 0.75))))
        completion = primary + (0 if r() < 0.4 else int(r() * 500))
        if self.has_results:
            primary = min(primary, _TODAY - 120)
            completion = min(max(completion, primary), _TODAY - 90)
        self.start, self.primary, self.completion = start, primary, completion
        self.start_year = datetime.date.fromordinal(start).year
        today = _TODAY
        if self.kind == "EXPANDED_ACCESS":
            status = self.weighted(["AVAILABLE", "NO_LONGER_AVAILABLE", "APPROVED_FOR_MARKETING",
                                    "TEMPORARILY_NOT_AVAILABLE"], [40, 80, 95, 100])
        elif self.has_results:
            status = self.weighted(["COMPLETED", "TERMINATED", "ACTIVE_NOT_RECRUITING"],
                                   [84, 97, 100])
        elif completion < today:
            unknown = 24 if completion < today - 730 else 2  # not updated for two years
            status = self.weighted(
                ["COMPLETED", "UNKNOWN", "TERMINATED", "WITHDRAWN", "ACTIVE_NOT_RECRUITING",
                 "RECRUITING"],
                [66, 66 + unknown, 71 + unknown, 74.5 + unknown, 75.5 + unknown, 76 + unknown])
        elif start > today - 150 and submitted > today - 500:
            status = self.weighted(["NOT_YET_RECRUITING", "RECRUITING", "WITHDRAWN"],
                                   [80, 98, 100])
        else:
            unknown = 11 if submitted < today - 1100 else 0
            status = self.weighted(
                ["RECRUITING", "ACTIVE_NOT_RECRUITING", "ENROLLING_BY_INVITATION", "UNKNOWN",
                 "SUSPENDED", "TERMINATED", "NOT_YET_RECRUITING"],
                [58, 78, 84, 84 + unknown, 85 + unknown, 87 + unknown, 90 + unknown])
        self.status = status
        first_qc = submitted + (0 if r() < 0.5 else int(r() * 40))
        first_post = first_qc + 1 + int(r() * 4)
        if status in ("COMPLETED", "TERMINATED", "WITHDRAWN"):
            update = max(first_post, min(today - 1, completion + int(r() * 700)))
        elif status == "UNKNOWN":
            update = max(first_post, min(completion, today - 731) - int(r() * 400))
        else:
            update = max(first_post, today - int(self.rng.expovariate(1 / 150)))
        update = min(update, today)
        self.first_qc, self.first_post, self.update = first_qc, first_post, update
        self.results_post = 0
        if self.has_results:
            submitted_results = max(primary + 200 + int(r() * 400), first_post + 30)
            submitted_results = min(submitted_results, today - 20)
            self.results_post = submitted_results
            self.update = max(self.update, submitted_results + 3)
        self.update = min(self.update, today)

    def _date(self, ordinal: int, day_share: float = 0.7) -> str:
        text = _iso(ordinal)
        return text if self.start_year >= 2017 or self.r() < day_share else text[:7]

    def _status(self) -> Study:
        r = self.r
        status = self.status
        done = status in ("COMPLETED", "TERMINATED", "WITHDRAWN")
        verified = self.update if status != "UNKNOWN" else self.update - int(r() * 60)
        module: Study = {
            "statusVerifiedDate": _iso(max(verified, self.first_post))[:7],
            "overallStatus": status,
        }
        if status == "UNKNOWN":
            module["lastKnownStatus"] = self.pick(["RECRUITING", "ACTIVE_NOT_RECRUITING",
                                                   "NOT_YET_RECRUITING", "ENROLLING_BY_INVITATION"])
        if status in ("TERMINATED", "WITHDRAWN", "SUSPENDED"):
            module["whyStopped"] = self.pick(WHY_STOPPED)
        if self.kind != "EXPANDED_ACCESS":
            module["expandedAccessInfo"] = {"hasExpandedAccess": r() < 0.02}
            started = self.start <= self.update and status not in ("NOT_YET_RECRUITING",
                                                                   "WITHDRAWN")
            start: Study = {"date": self._date(self.start)}
            if self.start_year >= 2011 or r() < 0.5:
                start["type"] = "ACTUAL" if started else "ESTIMATED"
            module["startDateStruct"] = start
            primary_type = "ACTUAL" if done and self.primary <= self.update else "ESTIMATED"
            module["primaryCompletionDateStruct"] = {"date": self._date(self.primary),
                                                     "type": primary_type}
            completion_type = ("ACTUAL" if done and self.completion <= self.update
                               else "ESTIMATED")
            module["completionDateStruct"] = {"date": self._date(self.completion),
                                              "type": completion_type}
        module["studyFirstSubmitDate"] = _iso(self.submitted)
        module["studyFirstSubmitQcDate"] = _iso(self.first_qc)
        post_type = "ESTIMATED" if self.submitted < _Y2017 and r() < 0.7 else "ACTUAL"
        module["studyFirstPostDateStruct"] = {"date": _iso(self.first_post), "type": post_type}
        if self.results_post:
            module["resultsFirstSubmitDate"] = _iso(self.results_post - 60 - int(r() * 200))
            module["resultsFirstSubmitQcDate"] = _iso(self.results_post - 1 - int(r() * 20))
            module["resultsFirstPostDateStruct"] = {"date": _iso(self.results_post),
                                                    "type": "ACTUAL"}
        module["lastUpdateSubmitDate"] = _iso(self.update - int(r() * 3))
        update_type = "ESTIMATED" if self.update < _Y2017 and r() < 0.6 else "ACTUAL"
        module["lastUpdatePostDateStruct"] = {"date": _iso(self.update), "type": update_type}
        return module

    def _sponsors(self) -> Study:
        r = self.r
        roll = r()
        if roll < 0.6 or self.industry:
            party: Study = {"type": "SPONSOR"}
        else:
            name = self.person()
            party = {"type": "PRINCIPAL_INVESTIGATOR" if roll < 0.9 else "SPONSOR_INVESTIGATOR",
                     "investigatorFullName": name,
                     "investigatorTitle": self.pick(["Professor", "Principal Investigator",
                                                     "Associate Professor", "MD, PhD",
                                                     "Assistant Professor", "Director"]),
                     "investigatorAffiliation": self.sponsor}
        module: Study = {"responsibleParty": party,
                         "leadSponsor": {"name": self.sponsor, "class": self.sponsor_class}}
        count = self.weighted([0, 1, 2, 3, 5], [64, 88, 95, 98, 100])
        if count:
            seen: dict[str, None] = {}
            for _ in range(count):
                seen[self.pick(self.p.collaborators)] = None
            seen.pop(self.sponsor, None)
            if seen:
                module["collaborators"] = [
                    {"name": name, "class": self.p.collaborator_class[name]} for name in seen]
        return module

    def _oversight(self) -> Study:
        r = self.r
        module: Study = {}
        if r() < 0.85:
            module["oversightHasDmc"] = r() < 0.35
        if self.start_year >= 2017 or r() < 0.3:
            types = {i["type"] for i in self.interventions}
            module["isFdaRegulatedDrug"] = bool(types & {"DRUG", "BIOLOGICAL"}) and r() < 0.5
            module["isFdaRegulatedDevice"] = "DEVICE" in types and r() < 0.4
        if r() < 0.1:
            module["isUsExport"] = r() < 0.3
        return module or {"oversightHasDmc": False}

    # --- description, conditions, design ----------------------------------------------------

    def _description(self, names: list[str]) -> Study:
        r, p = self.r, self.p
        lead = self.pick(SUMMARY_LEADS).format(
            t=names[0], t2=names[-1], c=self.conditions[0], w=self.pick(p.top_words),
            d1=self.pick(DESIGN_WORDS).lower())
        summary = [lead + " " + self.paragraph(1, 5, self.topic)]
        for _ in range(self.weighted([0, 1, 2], [60, 90, 100])):
            summary.append(self.paragraph(1, 4, self.topic))
        module: Study = {"briefSummary": "\n\n".join(summary)}
        if r() < 0.55:
            count = self.heavy(3.2, 0.85, 1, 40)
            parts = []
            for _ in range(count):
                if r() < 0.15:
                    parts.append("\n".join(f"* {s[:-1]}" for s in self.sentences(
                        self.between(2, 6), self.topic)))
                elif r() < 0.1:
                    parts.append(f"{self.pick(SECTION_HEADINGS)}:")
                else:
                    parts.append(self.paragraph(2, 7, self.topic))
            module["detailedDescription"] = "\n\n".join(parts)
        return module

    def _conditions_module(self) -> Study:
        module: Study = {"conditions": self.conditions}
        if self.r() < 0.58:
            count = self.weighted([1, 2, 3, 4, 5, 6, 8, 10], [10, 25, 45, 62, 75, 85, 95, 100])
            words = self.p.words
            seen: dict[str, None] = {}
            for _ in range(count):
                roll = self.r()
                if roll < 0.5:
                    seen[self.pick(words)] = None
                elif roll < 0.8:
                    seen[self.pick(self.topic)] = None
                else:
                    seen[self.pick(PHRASES_KEY)] = None
            module["keywords"] = list(seen)
        return module

    def _design(self) -> Study:
        r = self.r
        kind = self.kind
        module: Study = {"studyType": kind}
        if kind == "EXPANDED_ACCESS":
            module["expandedAccessTypes"] = {"individual": r() < 0.6, "intermediate": r() < 0.3,
                                             "treatment": r() < 0.3}
            return module
        if kind == "OBSERVATIONAL":
            module["patientRegistry"] = r() < 0.12
            module["designInfo"] = {
                "observationalModel": self.weighted(
                    ["COHORT", "CASE_ONLY", "CASE_CONTROL", "CROSS_SECTIONAL", "OTHER",
                     "CASE_CROSSOVER", "ECOLOGIC_OR_COMMUNITY", "FAMILY_BASED"],
                    [60, 72, 83, 88, 96, 97, 98.5, 100]),
                "timePerspective": self.weighted(
                    ["PROSPECTIVE", "RETROSPECTIVE", "CROSS_SECTIONAL", "OTHER"],
                    [62, 85, 95, 100]),
            }
            if r() < 0.08:
                module["targetDuration"] = f"{self.between(1, 36)} Months"
        else:
            phases = self.weighted([ph for ph, _ in _PHASES], _PHASE_CUM)
            if any(i["type"] in ("DRUG", "BIOLOGICAL") for i in self.interventions):
                if phases == ["NA"] and r() < 0.8:
                    phases = self.weighted([ph for ph, _ in _PHASES[1:]], _PHASE_CUM[1:])
            elif phases != ["NA"] and r() < 0.7:
                phases = ["NA"]
            module["phases"] = phases
            arms = self.n_arms
            model = ("SINGLE_GROUP" if arms == 1 else
                     self.weighted(["PARALLEL", "CROSSOVER", "FACTORIAL", "SEQUENTIAL"],
                                   [84, 92, 96, 100]))
            info: Study = {
                "allocation": "NA" if arms == 1 else self.weighted(
                    ["RANDOMIZED", "NON_RANDOMIZED"], [80, 100]),
                "interventionModel": model,
            }
            if r() < 0.12:
                info["interventionModelDescription"] = self.paragraph(1, 2)
            info["primaryPurpose"] = self.weighted(
                ["TREATMENT", "PREVENTION", "SUPPORTIVE_CARE", "BASIC_SCIENCE", "DIAGNOSTIC",
                 "HEALTH_SERVICES_RESEARCH", "OTHER", "SCREENING", "DEVICE_FEASIBILITY", "ECT"],
                [57, 67, 75, 82, 86, 89, 96, 97, 98.5, 100])
            masking = "NONE" if arms == 1 and r() < 0.9 else self.weighted(
                ["NONE", "SINGLE", "DOUBLE", "TRIPLE", "QUADRUPLE"], [45, 60, 73, 84, 100])
            masking_info: Study = {"masking": masking}
            if masking != "NONE":
                who = ["PARTICIPANT", "CARE_PROVIDER", "INVESTIGATOR", "OUTCOMES_ASSESSOR"]
                count = {"SINGLE": 1, "DOUBLE": 2, "TRIPLE": 3, "QUADRUPLE": 4}[masking]
                masking_info["whoMasked"] = who[:count] if r() < 0.7 else \
                    sorted(self.rng.sample(who, count), key=who.index)
                if r() < 0.15:
                    masking_info["maskingDescription"] = self.paragraph(1, 2)
            info["maskingInfo"] = masking_info
            module["designInfo"] = info
        done = self.status in ("COMPLETED", "TERMINATED", "WITHDRAWN")
        count = 0 if self.status == "WITHDRAWN" else self.heavy(60, 1.25, 1, 500_000)
        self.enrollment = count
        module["enrollmentInfo"] = {"count": count, "type": "ACTUAL" if done else "ESTIMATED"}
        return module

    # --- arms and interventions -------------------------------------------------------------

    def _interventions(self) -> list[Study]:
        r, p = self.r, self.p
        if self.kind == "OBSERVATIONAL" and r() < 0.5:
            self.n_arms = 0
            return []
        count = self.weighted([1, 2, 3, 4, 6], [48, 78, 90, 96, 100])
        items: list[Study] = []
        names: set[str] = set()
        for _ in range(count):
            enum, word, _w = self.weighted(_ITYPES, _ITYPE_CUM)
            if enum == "DRUG":
                name = self.pick(p.drugs)
                if r() < 0.3:
                    name = f"{name} {self.pick([5, 10, 20, 50, 100, 200, 400])} mg"
                elif r() < 0.15:
                    name = "Placebo"
            else:
                name = self.pick(p.interventions[word])
                if r() < 0.3:
                    name = f"{name} {self.pick(['program', 'arm', 'group', 'session', 'A', 'B'])}"
            if name in names:
                continue
            names.add(name)
            item: Study = {"type": enum, "name": name,
                           "description": self.paragraph(1, 3, self.topic)}
            if r() < 0.3:
                count = self.weighted([1, 2, 3, 5], [55, 80, 92, 100])
                item["otherNames"] = list(dict.fromkeys(
                    self.pick(p.other_names if r() < 0.6 else p.brands) for _ in range(count)))
            items.append(item)
        if self.kind == "INTERVENTIONAL":
            self.n_arms = self.weighted([1, 2, 3, 4, 5, 8], [30, 78, 89, 95, 98, 100])
        else:
            self.n_arms = self.weighted([0, 1, 2, 3], [30, 55, 85, 100])
        return items

    def _arms(self, names: list[str]) -> Study:
        r = self.r
        items = self.interventions
        arms: list[Study] = []
        labels: list[str] = []
        for index in range(self.n_arms):
            if self.kind == "INTERVENTIONAL":
                arm_type = "EXPERIMENTAL" if index == 0 else self.weighted(
                    ["PLACEBO_COMPARATOR", "ACTIVE_COMPARATOR", "EXPERIMENTAL", "NO_INTERVENTION",
                     "SHAM_COMPARATOR", "OTHER"], [30, 55, 80, 88, 92, 100])
            else:
                arm_type = ""
            form = int(r() * 7)
            name = names[index % len(names)]
            label = (name if form == 0 else f"Arm {'ABCDEFGH'[index]}" if form == 1 else
                     f"Cohort {index + 1}" if form == 2 else
                     f"{self.pick(['Low', 'High', 'Standard'])} dose" if form == 3 else
                     ("Control group" if index else "Intervention group") if form == 4 else
                     f"{name} {self.pick([10, 20, 40, 100])} mg" if form == 5 else
                     f"Group {index + 1}: {self.pick(self.topic)}")
            while label in labels:
                label = f"{label} ({index + 1})"
            labels.append(label)
            arm: Study = {"label": label}
            if arm_type:
                arm["type"] = arm_type
            if r() < 0.92:
                arm["description"] = self.paragraph(1, 3, self.topic)
            given = [i for i in items if r() < 0.6] or items[:1]
            if arm_type == "NO_INTERVENTION":
                given = []
            if given:
                arm["interventionNames"] = [f"{_ITYPE_WORDS[i['type']]}: {i['name']}"
                                            for i in given]
                for i in given:
                    i.setdefault("armGroupLabels", []).append(label)
            arms.append(arm)
        self.arm_groups = arms
        module: Study = {}
        if arms:
            module["armGroups"] = arms
        if items:
            ordered = []
            for i in items:
                entry = {"type": i["type"], "name": i["name"], "description": i["description"]}
                if "armGroupLabels" in i:
                    entry["armGroupLabels"] = i["armGroupLabels"]
                if "otherNames" in i:
                    entry["otherNames"] = i["otherNames"]
                ordered.append(entry)
            module["interventions"] = ordered
        return module

    # --- outcomes and eligibility -----------------------------------------------------------

    def _measure(self, names: list[str]) -> Study:
        r, measures = self.r, self.p.measures
        measure, template, time_frame = measures[int(r() * len(measures))]
        if template:
            measure = measure.format(d=names[int(r() * len(names))],
                                     c=self.conditions[int(r() * len(self.conditions))])
        if r() < 0.65:
            return {"measure": measure, "description": self.paragraph(1, 3, self.topic),
                    "timeFrame": time_frame}
        return {"measure": measure, "timeFrame": time_frame}

    def _outcomes(self, names: list[str]) -> Study:
        primary = [self._measure(names) for _ in range(
            self.weighted([1, 2, 3, 5, 8, 20], [55, 75, 85, 93, 98, 100]))]
        module: Study = {"primaryOutcomes": primary}
        secondary = self.weighted([0, 1, 3, 5, 8, 12, 20, 40], [25, 40, 55, 70, 84, 93, 98, 100])
        if secondary:
            module["secondaryOutcomes"] = [self._measure(names)
                                           for _ in range(self.between(max(1, secondary // 2),
                                                                       secondary))]
        if self.r() < 0.1:
            module["otherOutcomes"] = [self._measure(names) for _ in range(self.between(1, 8))]
        self.outcomes = module
        return module

    def criterion(self, names: list[str]) -> str:
        r, p = self.r, self.p
        if r() < 0.5:
            text, template = p.criteria[int(r() * len(p.criteria))]
            if template:
                text = text.format(d=names[int(r() * len(names))],
                                   c=self.conditions[int(r() * len(self.conditions))])
            return text
        heads, tails = p.heads, p.tails
        return heads[int(r() * len(heads))] + tails[int(r() * len(tails))][:-1]

    def _criteria(self, count: int, names: list[str], style: str) -> list[str]:
        """Markdown criterion lines (the body of criterion(), inlined: this is a hot loop)."""
        r, p = self.r, self.p
        pool, heads, tails = p.criteria, p.heads, p.tails
        npool, nh, nt = len(pool), len(heads), len(tails)
        conditions = self.conditions
        numbered = style == "1."
        lines: list[str] = []
        for number in range(1, count + 1):
            bullet = f"{number}." if numbered else style
            if r() < 0.5:
                text, template = pool[int(r() * npool)]
                if template:
                    text = text.format(d=names[int(r() * len(names))],
                                       c=conditions[int(r() * len(conditions))])
            else:
                text = heads[int(r() * nh)] + tails[int(r() * nt)][:-1]
            if r() < 0.08:
                lines.append(f"{bullet} {text}, defined as any of the following:")
                sub = "*" if style != "*" else "-"
                lines.extend(f"   {sub} {self.criterion(names)}"
                             for _ in range(self.between(2, 4)))
            else:
                lines.append(f"{bullet} {text}")
        return lines

    def _eligibility(self, names: list[str]) -> Study:
        r = self.r
        style = self.weighted(["*", "1.", "-"], [72, 94, 100])
        inclusion = self._criteria(self.heavy(6, 0.55, 1, 60), names, style)
        exclusion = self._criteria(self.heavy(8, 0.65, 1, 80), names, style)
        heading_in = "Inclusion Criteria:" if r() < 0.9 else "Key Inclusion Criteria:"
        heading_ex = "Exclusion Criteria:" if r() < 0.9 else "Key Exclusion Criteria:"
        text = f"{heading_in}\n\n" + "\n".join(inclusion) + f"\n\n{heading_ex}\n\n" + \
            "\n".join(exclusion)
        roll = r()
        minimum = (None if roll < 0.06 else "18 Years" if roll < 0.72 else
                   self.pick(["12 Years", "16 Years", "20 Years", "21 Years", "40 Years",
                              "50 Years", "65 Years", "6 Months", "2 Years", "28 Days"]))
        maximum = None if r() < 0.52 else self.pick(
            ["65 Years", "75 Years", "80 Years", "70 Years", "60 Years", "85 Years", "17 Years",
             "99 Years", "100 Years", "45 Years", "18 Years"])
        low = _years(minimum) if minimum else 0.0
        high = _years(maximum) if maximum else 200.0
        if high < low:
            maximum, high = None, 200.0
        module: Study = {"eligibilityCriteria": text,
                         "healthyVolunteers": r() < (0.4 if self.kind == "OBSERVATIONAL" else 0.15)}
        module["sex"] = self.weighted(["ALL", "FEMALE", "MALE"], [86, 96, 100])
        if r() < 0.02:
            module["genderBased"] = True
        if minimum:
            module["minimumAge"] = minimum
        if maximum:
            module["maximumAge"] = maximum
        std = [name for name, lo, hi in (("CHILD", 0, 17), ("ADULT", 18, 64),
                                         ("OLDER_ADULT", 65, 200)) if low <= hi and high >= lo]
        module["stdAges"] = std
        if self.kind == "OBSERVATIONAL":
            module["studyPopulation"] = self.paragraph(1, 3, self.topic)
            module["samplingMethod"] = self.pick(["NON_PROBABILITY_SAMPLE", "PROBABILITY_SAMPLE"])
        return module

    # --- contacts and locations -------------------------------------------------------------

    def site(self, statuses: bool) -> Study:
        """One location. Without a status or contacts it is the facility's shared object."""
        r, p = self.r, self.p
        place = bisect.bisect_right(p.place_cum, r() * p.place_cum[-1])
        base: _Site = p.sites[place][int(r() * r() * 8)]
        roll, contacts_roll = r(), r()
        if self.industry and roll < 0.3:
            facility = self.pick(ANONYMOUS_SITES).format(n=int(r() * 10000), S=self.sponsor)
        elif roll > 0.93:
            facility = f"{self.pick(LAST_NAMES)} {self.pick(PRACTICES)}"
        elif not statuses and contacts_roll >= 0.1:
            return base.plain
        else:
            facility = base.facility
        site: Study = {"facility": facility}
        if statuses:
            site["status"] = self.site_status()
        site["city"] = base.city
        if base.state:
            site["state"] = base.state
        if base.zip:
            site["zip"] = base.zip
        site["country"] = base.country
        if statuses and contacts_roll < 0.45:
            name = self.person()
            contact: Study = {"name": name + self.pick(CREDENTIALS), "role": "CONTACT"}
            if r() < 0.8:
                contact["phone"] = self.phone(base.calling)
            if r() < 0.75:
                contact["email"] = self.email(name)
            contacts = [contact]
            if r() < 0.5:
                contacts.append({"name": self.person() + self.pick(CREDENTIALS),
                                 "role": "PRINCIPAL_INVESTIGATOR"})
            site["contacts"] = contacts
        elif contacts_roll < 0.1:
            site["contacts"] = [{"name": self.person() + self.pick(CREDENTIALS),
                                 "role": "PRINCIPAL_INVESTIGATOR"}]
        if base.geo is not None:
            site["geoPoint"] = base.geo
        return site

    def site_status(self) -> str:
        status = self.status
        if status == "RECRUITING":
            return self.weighted(["RECRUITING", "NOT_YET_RECRUITING", "ACTIVE_NOT_RECRUITING",
                                  "COMPLETED", "WITHDRAWN"], [80, 90, 95, 98, 100])
        return status

    def _contacts(self) -> Study:
        r = self.r
        module: Study = {}
        open_ = self.status in ("RECRUITING", "NOT_YET_RECRUITING", "ENROLLING_BY_INVITATION",
                                "AVAILABLE")
        if (open_ and r() < 0.85) or r() < 0.03:
            contacts = []
            for _ in range(self.weighted([1, 2], [45, 100])):
                name = self.person()
                contact: Study = {"name": name + self.pick(CREDENTIALS), "role": "CONTACT"}
                if r() < 0.9:
                    contact["phone"] = self.phone("1" if r() < 0.4 else self.pick(["33", "86",
                                                                                   "49", "44"]))
                if r() < 0.3:
                    contact["phoneExt"] = str(self.between(100, 99999))
                if r() < 0.92:
                    contact["email"] = self.email(name)
                contacts.append(contact)
            module["centralContacts"] = contacts
        if r() < 0.72:
            officials = []
            for _ in range(self.weighted([1, 2, 3, 4], [82, 93, 98, 100])):
                officials.append({
                    "name": (self.person() + self.pick(CREDENTIALS)) if not self.industry
                    or r() < 0.5 else f"{self.sponsor.split(' ')[0]} Study Director",
                    "affiliation": self.sponsor if r() < 0.6 else self.pick(self.p.collaborators),
                    "role": self.weighted(["PRINCIPAL_INVESTIGATOR", "STUDY_DIRECTOR",
                                           "STUDY_CHAIR"], [68, 90, 100]),
                })
            module["overallOfficials"] = officials
        count = self.site_count()
        if count:
            statuses = self.status in ("RECRUITING", "NOT_YET_RECRUITING",
                                       "ACTIVE_NOT_RECRUITING", "ENROLLING_BY_INVITATION",
                                       "SUSPENDED")
            site = self.site
            module["locations"] = [site(statuses) for _ in range(count)]
        return module

    def site_count(self) -> int:
        r = self.r
        roll = r()
        big = self.industry or self.sponsor_class in ("NIH", "NETWORK")
        scale = 2.5 if big else 1.0
        if roll < 0.07:
            return 0
        if roll < 0.55 - (0.2 if big else 0):
            return 1
        if roll < 0.75 - (0.15 if big else 0):
            return self.between(2, 5)
        tail = self.rng.paretovariate(1.15)
        return min(3000, int(5 * scale * tail) + 1)

    # --- references, sharing, derived --------------------------------------------------------

    def _references(self) -> Study:
        r = self.r
        module: Study = {}
        if r() < 0.42:
            refs = []
            citations, topic = self.p.citations, self.topic
            for _ in range(self.heavy(2.5, 0.9, 1, 120)):
                head, tail = citations[int(r() * len(citations))]
                citation = (f"{head} {topic[int(r() * len(topic))]} {tail}" if r() < 0.5
                            else f"{head} {tail}")
                ref_type = self.weighted(["BACKGROUND", "RESULT", "DERIVED"], [60, 80, 100])
                if r() < 0.9:
                    refs.append({"pmid": str(1_000_000 + int(r() * 40_000_000)),
                                 "type": ref_type, "citation": citation})
                else:
                    refs.append({"type": ref_type, "citation": citation})
            module["references"] = refs
        if r() < 0.09:
            module["seeAlsoLinks"] = [{"label": self.paragraph(1, 1)[:120],
                                       "url": f"https://www.{self.pick(EMAIL_DOMAINS)}/"
                                              f"{self.pick(self.p.words)}"}]
        if r() < 0.03:
            module["availIpds"] = [{"id": self.nct, "type": self.pick(
                ["Clinical Study Report", "Study Protocol", "Statistical Analysis Plan",
                 "Individual Participant Data Set"]), "url": "https://www.clinicalstudydata.example"}]
        return module

    def _ipd(self) -> Study:
        sharing = self.weighted(["NO", "YES", "UNDECIDED"], [55, 80, 100])
        module: Study = {"ipdSharing": sharing}
        if self.r() < 0.6:
            module["description"] = self.pick(IPD_DESCRIPTIONS)
        if sharing == "YES":
            module["infoTypes"] = ["STUDY_PROTOCOL", "SAP", "ICF", "CSR", "ANALYTIC_CODE"][
                : self.between(1, 5)]
            module["timeFrame"] = self.pick(["Beginning 6 months after publication.",
                                             "Within 12 months of study completion.",
                                             "After the primary publication, for 5 years."])
            module["accessCriteria"] = self.paragraph(1, 2)
            if self.r() < 0.5:
                module["url"] = f"https://www.{self.pick(EMAIL_DOMAINS)}/data-sharing"
        return module

    def _derived(self) -> Study:
        r = self.r
        module: Study = {"miscInfoModule": {"versionHolder": DATA_DATE.isoformat()}}
        if r() < 0.2:
            module["miscInfoModule"]["modelPredictions"] = {
                "bmiLimits": {"minBmi": self.pick([0.0, 18.5, 25.0]),
                              "maxBmi": self.pick([30.0, 35.0, 40.0, 101.0])}}
        if r() < 0.9:
            module["conditionBrowseModule"] = _condition_browse(tuple(self.conditions))
        drugs = tuple(i["name"].split(" ")[0] for i in self.interventions if i["type"] == "DRUG")
        browse = _intervention_browse(drugs) if drugs else None
        if browse:
            module["interventionBrowseModule"] = browse
        return module

    # --- results -----------------------------------------------------------------------------

    def _results(self) -> Study:
        r = self.r
        titles = [a["label"] for a in self.arm_groups] or [
            i["name"] for i in self.interventions[:2]] or ["All participants"]
        descriptions = [a.get("description") or self.paragraph(1, 2) for a in self.arm_groups]
        if r() < 0.1:
            titles = [f"{self.pick(self.topic)} cohort {k + 1}" for k in range(self.between(4, 10))]
        n = len(titles)
        descriptions = (descriptions + [self.paragraph(1, 2) for _ in range(n)])[:n]
        total = max(n, self.enrollment or self.heavy(80, 1.0, n, 20_000))
        sizes = _split(total, n, self.r)
        return {
            "participantFlowModule": self._flow(titles, descriptions, sizes),
            "baselineCharacteristicsModule": self._baseline(titles, descriptions, sizes),
            "outcomeMeasuresModule": self._outcome_results(titles, descriptions, sizes),
            "adverseEventsModule": self._adverse(titles, descriptions, sizes),
            "moreInfoModule": self._more_info(),
        }

    @staticmethod
    def _groups(prefix: str, titles: list[str], descriptions: list[str]) -> list[Study]:
        return [{"id": f"{prefix}{k:03d}", "title": t, "description": d}
                for k, (t, d) in enumerate(zip(titles, descriptions, strict=True))]

    def _flow(self, titles: list[str], descriptions: list[str], sizes: list[int]) -> Study:
        r = self.r
        module: Study = {}
        if r() < 0.5:
            module["recruitmentDetails"] = self.paragraph(1, 2)
        if r() < 0.3:
            module["preAssignmentDetails"] = self.paragraph(1, 2)
        module["groups"] = self._groups("FG", titles, descriptions)
        periods = []
        started = sizes
        for index in range(self.weighted([1, 2, 3], [80, 95, 100])):
            done = [s - int(s * r() * 0.3) for s in started]
            left = [a - b for a, b in zip(started, done, strict=True)]
            milestones = [
                {"type": "STARTED", "achievements": _counts("FG", started)},
                {"type": "COMPLETED", "achievements": _counts("FG", done)},
                {"type": "NOT COMPLETED", "achievements": _counts("FG", left)},
            ]
            drops = []
            for reason in self.rng.sample(DROP_REASONS, self.between(0, 6)):
                drops.append({"type": reason, "reasons": [
                    {"groupId": f"FG{k:03d}", "numSubjects": str(int((s - d) * r() * 0.5))}
                    for k, (s, d) in enumerate(zip(started, done, strict=True))]})
            period: Study = {"title": "Overall Study" if index == 0 and r() < 0.8 else
                             f"Period {index + 1}: {self.pick(['Treatment', 'Follow-up', 'Extension', 'Run-in'])}",  # noqa: E501
                             "milestones": milestones}
            if drops:
                period["dropWithdraws"] = drops
            periods.append(period)
            started = done
        module["periods"] = periods
        return module

    def _baseline(self, titles: list[str], descriptions: list[str], sizes: list[int]) -> Study:
        r = self.r
        titles, descriptions, sizes = list(titles), list(descriptions), list(sizes)
        if len(titles) > 1:
            titles.append("Total")
            descriptions.append("Total of all reporting groups")
            sizes.append(sum(sizes))
        ids = [f"BG{k:03d}" for k in range(len(titles))]
        module: Study = {}
        if r() < 0.3:
            module["populationDescription"] = self.paragraph(1, 2)
        module["groups"] = self._groups("BG", titles, descriptions)
        module["denoms"] = [{"units": "Participants", "counts": _counts("BG", sizes, "value")}]
        measures = [
            {"title": "Age, Continuous", "paramType": "MEAN", "dispersionType":
             "STANDARD_DEVIATION", "unitOfMeasure": "years", "classes": [{"categories": [
                 {"measurements": [{"groupId": g, "value": f"{40 + r() * 30:.1f}",
                                    "spread": f"{5 + r() * 10:.1f}"} for g in ids]}]}]},
            {"title": "Sex: Female, Male", "paramType": "COUNT_OF_PARTICIPANTS",
             "unitOfMeasure": "Participants", "classes": [{"categories": self._shares(
                 ["Female", "Male"], ids, sizes)}]},
        ]
        if r() < 0.6:
            measures.append({"title": "Ethnicity (NIH/OMB)", "paramType": "COUNT_OF_PARTICIPANTS",
                             "unitOfMeasure": "Participants", "classes": [{"categories":
                             self._shares(ETHNICITIES, ids, sizes)}]})
            measures.append({"title": "Race (NIH/OMB)", "paramType": "COUNT_OF_PARTICIPANTS",
                             "unitOfMeasure": "Participants", "classes": [{"categories":
                             self._shares(RACES, ids, sizes)}]})
        if r() < 0.5:
            countries = list(dict.fromkeys(self.pick(self.p.places).country
                                           for _ in range(self.between(1, 6))))
            measures.append({"title": "Region of Enrollment", "paramType": "NUMBER",
                             "unitOfMeasure": "participants", "classes": [
                                 {"title": c, "categories": [{"measurements": [
                                     {"groupId": g, "value": str(int(s * r() / 2))}
                                     for g, s in zip(ids, sizes, strict=True)]}]}
                                 for c in countries]})
        for _ in range(self.weighted([0, 1, 2, 4], [50, 75, 90, 100])):
            measures.append({"title": self.pick(SCALES), "paramType": "MEAN",
                             "dispersionType": "STANDARD_DEVIATION",
                             "unitOfMeasure": self.pick(UNITS), "classes": [{"categories": [
                                 {"measurements": [{"groupId": g, "value": f"{r() * 100:.2f}",
                                                    "spread": f"{r() * 20:.2f}"}
                                                   for g in ids]}]}]})
        module["measures"] = measures
        return module

    def _shares(self, labels: Sequence[str], ids: list[str], sizes: list[int]) -> list[Study]:
        r = self.r
        weights = [r() + 0.05 for _ in labels]
        total = sum(weights)
        return [{"title": label, "measurements": [
            {"groupId": g, "value": str(int(s * w / total))} for g, s in zip(ids, sizes,
                                                                            strict=True)]}
            for label, w in zip(labels, weights, strict=True)]

    def _outcome_results(self, titles: list[str], descriptions: list[str],
                         sizes: list[int]) -> Study:
        r = self.r
        planned = self.outcomes.get("primaryOutcomes", []) + \
            self.outcomes.get("secondaryOutcomes", [])[:25]
        kinds = ["PRIMARY"] * len(self.outcomes.get("primaryOutcomes", [])) + \
            ["SECONDARY"] * (len(planned) - len(self.outcomes.get("primaryOutcomes", [])))
        groups = self._groups("OG", titles, descriptions)
        ids = [g["id"] for g in groups]
        measures = []
        for kind, planned_item in zip(kinds, planned, strict=True):
            param = self.weighted(["MEAN", "COUNT_OF_PARTICIPANTS", "NUMBER", "MEDIAN",
                                   "LEAST_SQUARES_MEAN", "GEOMETRIC_MEAN"],
                                  [35, 60, 75, 87, 95, 100])
            item: Study = {"type": kind, "title": planned_item["measure"]}
            if "description" in planned_item:
                item["description"] = planned_item["description"]
            if r() < 0.8:
                item["populationDescription"] = self.paragraph(1, 2)
            item["reportingStatus"] = "POSTED"
            item["paramType"] = param
            dispersion = {"MEAN": self.pick(["Standard Deviation", "Standard Error"]),
                          "LEAST_SQUARES_MEAN": "Standard Error",
                          "MEDIAN": self.pick(["Full Range", "Inter-Quartile Range",
                                               "95% Confidence Interval"]),
                          "GEOMETRIC_MEAN": "Geometric Coefficient of Variation"}.get(param)
            if dispersion:
                item["dispersionType"] = dispersion
            item["unitOfMeasure"] = "Participants" if param == "COUNT_OF_PARTICIPANTS" else \
                self.pick(UNITS)
            item["timeFrame"] = planned_item["timeFrame"]
            item["groups"] = groups
            item["denoms"] = [{"units": "Participants", "counts": _counts("OG", sizes, "value")}]
            timepoints = [None] if r() < 0.8 else [f"Week {w}" for w in (4, 12, 24, 52)[
                : self.between(2, 4)]]
            classes = []
            for point in timepoints:
                values = [self._value(param, dispersion, g, s) for g, s in zip(ids, sizes,
                                                                               strict=True)]
                entry: Study = {"categories": [{"measurements": values}]}
                if point:
                    entry = {"title": point, **entry}
                classes.append(entry)
            item["classes"] = classes
            if len(ids) > 1 and r() < 0.3:
                low = r() * 2 - 1
                item["analyses"] = [{
                    "groupIds": ids[:2],
                    "nonInferiorityType": self.weighted(
                        ["SUPERIORITY", "OTHER", "NON_INFERIORITY", "EQUIVALENCE"],
                        [55, 85, 97, 100]),
                    "pValue": self.pick(["<0.001", "<0.0001"]) if r() < 0.3 else
                    f"{r() * 0.9:.3f}",
                    "statisticalMethod": self.pick(STAT_METHODS),
                    "paramType": self.pick(ANALYSIS_PARAMS),
                    "paramValue": f"{low + r() * 0.5:.3f}",
                    "ciPctValue": "95",
                    "ciNumSides": "TWO_SIDED",
                    "ciLowerLimit": f"{low:.3f}",
                    "ciUpperLimit": f"{low + r() * 1.5:.3f}",
                }]
            measures.append(item)
        return {"outcomeMeasures": measures}

    def _value(self, param: str, dispersion: str | None, group: str, size: int) -> Study:
        r = self.r
        if param == "COUNT_OF_PARTICIPANTS":
            return {"groupId": group, "value": str(int(size * r()))}
        value = r() * 100
        if dispersion in ("Standard Deviation", "Standard Error",
                          "Geometric Coefficient of Variation"):
            return {"groupId": group, "value": f"{value:.2f}", "spread": f"{r() * 25:.2f}"}
        if dispersion:
            return {"groupId": group, "value": f"{value:.1f}",
                    "lowerLimit": f"{value * (0.3 + r() * 0.5):.1f}",
                    "upperLimit": f"{value * (1.1 + r()):.1f}"}
        return {"groupId": group, "value": f"{value:.1f}"}

    def _adverse(self, titles: list[str], descriptions: list[str], sizes: list[int]) -> Study:
        r = self.r
        module: Study = {"frequencyThreshold": self.pick(["5", "5", "0", "2", "1"]),
                         "timeFrame": self.pick(TIME_FRAMES).format(
                             w=52, w4=13, m=12, y=2, dd=30)}
        if r() < 0.6:
            module["description"] = self.paragraph(1, 2)
        groups = []
        for k, (t, d, s) in enumerate(zip(titles, descriptions, sizes, strict=True)):
            serious = int(s * r() * 0.2)
            groups.append({"id": f"EG{k:03d}", "title": t, "description": d,
                           "deathsNumAffected": int(serious * r() * 0.2), "deathsNumAtRisk": s,
                           "seriousNumAffected": serious, "seriousNumAtRisk": s,
                           "otherNumAffected": int(s * r() * 0.7), "otherNumAtRisk": s})
        module["eventGroups"] = groups
        vocabulary_ = f"MedDRA ({self.between(10, 27)}.{self.between(0, 1)})"
        for key, median, rate in (("seriousEvents", 5, 0.03), ("otherEvents", 10, 0.25)):
            count = self.heavy(median, 1.0, 0, 400)
            if not count:
                continue
            events = []
            for _ in range(count):
                system, terms = self.pick(ORGAN_SYSTEMS)
                event: Study = {"term": self.pick(terms), "organSystem": system}
                if r() < 0.8:
                    event["sourceVocabulary"] = vocabulary_
                event["assessmentType"] = ("SYSTEMATIC_ASSESSMENT" if r() < 0.6 else
                                           "NON_SYSTEMATIC_ASSESSMENT")
                stats = []
                for k, s in enumerate(sizes):
                    affected = int(s * r() * rate)
                    stats.append({"groupId": f"EG{k:03d}",
                                  "numEvents": affected + int(r() * 3 * (affected > 0)),
                                  "numAffected": affected, "numAtRisk": s})
                event["stats"] = stats
                events.append(event)
            module[key] = events
        return module

    def _more_info(self) -> Study:
        r = self.r
        module: Study = {}
        if r() < 0.25:
            module["limitationsAndCaveats"] = {"description": self.paragraph(1, 2)}
        agreement: Study = {"piSponsorEmployee": r() < 0.4}
        if r() < 0.6:
            agreement["restrictionType"] = self.pick(["LTE60", "GT60", "OTHER"])
            agreement["restrictiveAgreement"] = r() < 0.7
        module["certainAgreement"] = agreement
        name = self.person()
        module["pointOfContact"] = {"title": name if r() < 0.6 else "Clinical Trial Disclosure",
                                    "organization": self.sponsor, "email": self.email(name),
                                    "phone": self.phone("1")}
        return module

    def _documents(self) -> Study:
        docs = []
        for abbrev, label, flags in self.rng.sample(
                [("Prot", "Study Protocol", (True, False, False)),
                 ("SAP", "Statistical Analysis Plan", (False, True, False)),
                 ("Prot_SAP", "Study Protocol and Statistical Analysis Plan", (True, True, False)),
                 ("ICF", "Informed Consent Form", (False, False, True))], self.between(1, 2)):
            day = self.results_post - self.between(0, 300)
            docs.append({"typeAbbrev": abbrev, "hasProtocol": flags[0], "hasSap": flags[1],
                         "hasIcf": flags[2], "label": label, "date": _iso(day),
                         "uploadDate": f"{_iso(self.results_post)}T{self.between(0, 23):02d}:"
                                       f"{self.between(0, 59):02d}",
                         "filename": f"{abbrev}_{self.between(0, 3):03d}.pdf",
                         "size": self.between(100_000, 9_000_000)})
        return {"largeDocumentModule": {"largeDocs": docs}}


SECTION_HEADINGS = ["Background", "Objectives", "Methods", "Design", "Study procedures",
                    "Primary endpoint", "Rationale", "Statistical analysis"]
PRACTICES = ["Clinic", "Research", "Medical Group", "Health Center", "Family Practice"]
COMPANIES = [
    "Novo Nordisk A/S", "Bayer", "Boehringer Ingelheim", "AbbVie", "Amgen", "Takeda",
    "Janssen Research & Development, LLC", "Gilead Sciences", "Regeneron Pharmaceuticals",
    "Astellas Pharma Inc", "Daiichi Sankyo", "Eisai Inc.", "Otsuka Pharmaceutical Co., Ltd.",
    "Jiangsu HengRui Medicine Co., Ltd.", "BeiGene", "Medtronic", "Boston Scientific Corporation",
    "Abbott Medical Devices", "Biogen", "Vertex Pharmaceuticals Incorporated", "ModernaTX, Inc.",
    "Teva Branded Pharmaceutical Products R&D, Inc.", "Ipsen", "UCB Biopharma SRL", "Servier",
    "Chugai Pharmaceutical", "Hoffmann-La Roche", "Novartis Pharmaceuticals", "Pfizer",
    "AstraZeneca", "Sanofi", "GlaxoSmithKline", "Merck Sharp & Dohme LLC",
    "Bristol-Myers Squibb", "Eli Lilly and Company",
]
PHRASES_KEY = ["quality of life", "randomized controlled trial", "biomarkers", "pharmacokinetics",
               "safety", "efficacy", "children", "elderly", "prevention", "rehabilitation",
               "exercise", "telemedicine", "immunotherapy", "surgery", "inflammation"]
JOURNALS = ["N Engl J Med", "Lancet", "JAMA", "BMJ", "J Clin Oncol", "Ann Intern Med",
            "Lancet Oncol", "Neurology", "Circulation", "Diabetes Care", "Blood", "PLoS One",
            "BMC Med", "Trials", "Eur Heart J", "Gastroenterology", "Ann Rheum Dis", "Pediatrics"]
MONTH_ABBR = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
ETHNICITIES = ["Hispanic or Latino", "Not Hispanic or Latino", "Unknown or Not Reported"]
RACES = ["American Indian or Alaska Native", "Asian", "Native Hawaiian or Other Pacific Islander",
         "Black or African American", "White", "More than one race", "Unknown or Not Reported"]
UNITS = ["mg/dL", "score on a scale", "percentage of participants", "mmHg", "ng/mL", "kg",
         "months", "days", "units on a scale", "mL/min/1.73m^2", "copies/mL", "%", "meters",
         "h*ng/mL", "cells/µL"]
_ITYPE_WORDS = {enum: word for enum, word, _ in _ITYPES}


def _years(age: str) -> float:
    number, unit = age.split(" ")
    return float(number) / {"Years": 1, "Months": 12, "Weeks": 52, "Days": 365}[unit]


def _split(total: int, parts: int, r: Rand) -> list[int]:
    weights = [0.7 + r() * 0.6 for _ in range(parts)]
    scale = total / sum(weights)
    return [max(1, int(w * scale)) for w in weights]


def _counts(prefix: str, values: list[int], key: str = "numSubjects") -> list[Study]:
    return [{"groupId": f"{prefix}{k:03d}", key: str(v)} for k, v in enumerate(values)]


@lru_cache(maxsize=65536)
def _condition_browse(conditions: tuple[str, ...]) -> Study:
    blocks = _pools().condition_blocks
    return _merge([blocks[c] for c in conditions])


@lru_cache(maxsize=65536)
def _intervention_browse(drugs: tuple[str, ...]) -> Study | None:
    known = _pools().drug_blocks
    blocks = [block for block in (known.get(drug) for drug in drugs) if block]
    return _merge(blocks, "All Drugs and Chemicals") if blocks else None


def _merge(blocks: list[dict[str, list[dict[str, str]]]],
           everything: str = "All Conditions") -> Study:
    """The browse module of several conditions or drugs: their lists, duplicates dropped."""
    out: Study = {}
    for key, id_key in (("meshes", "id"), ("ancestors", "id"), ("browseLeaves", "id"),
                        ("browseBranches", "abbrev")):
        # Equal ids carry equal items: a later one replaces an earlier in its place.
        seen = {item[id_key]: item for block in blocks for item in block[key]}
        if key == "browseBranches":
            seen["All"] = {"abbrev": "All", "name": everything}
        if seen:
            out[key] = list(seen.values())
    return out


# --- the corpus ----------------------------------------------------------------------------


def study(index: int, seed: int = 0) -> Study:
    """Study index of the corpus with this seed (the same for every corpus size).

    The study is the caller's own object (generation shares location and browse objects
    between studies; this returns an independent copy).
    """
    copy: Study = orjson.loads(orjson.dumps(_study(index, seed)))
    return copy


def _study(index: int, seed: int) -> Study:
    rng = random.Random(f"ctgov-registry:{seed}:{index}")
    return _Builder(rng, _pools()).study(nct_for(index, seed))


def dumps(item: Study, *, indent: bool = False) -> bytes:
    """A study's JSON bytes as in the bulk zip (compact unless indent)."""
    return orjson.dumps(item, option=orjson.OPT_INDENT_2 if indent else 0)


def _unit(index: int, seed: int, version: int) -> float:
    """A deterministic number in [0, 1) for (index, seed, version) (splitmix64)."""
    x = (index * 0x9E3779B97F4A7C15 + seed * 0xBF58476D1CE4E5B9 + version * 0x94D049BB133111EB
         + 0x2545F4914F6CDD1D) & 0xFFFFFFFFFFFFFFFF
    x = ((x ^ (x >> 30)) * 0xBF58476D1CE4E5B9) & 0xFFFFFFFFFFFFFFFF
    x = ((x ^ (x >> 27)) * 0x94D049BB133111EB) & 0xFFFFFFFFFFFFFFFF
    return ((x ^ (x >> 31)) >> 11) / float(1 << 53)


def is_changed(index: int, seed: int, share: float, version: int = 1) -> bool:
    """Whether study index is among the share of studies changed in this version."""
    return share > 0 and _unit(index, seed, version) < share


_NEXT_STATUS = {
    "NOT_YET_RECRUITING": ["RECRUITING", "WITHDRAWN"],
    "RECRUITING": ["ACTIVE_NOT_RECRUITING", "COMPLETED", "SUSPENDED", "TERMINATED"],
    "ENROLLING_BY_INVITATION": ["ACTIVE_NOT_RECRUITING", "COMPLETED"],
    "ACTIVE_NOT_RECRUITING": ["COMPLETED", "TERMINATED"],
    "SUSPENDED": ["RECRUITING", "TERMINATED"],
    "UNKNOWN": ["COMPLETED", "RECRUITING"],
    "COMPLETED": ["COMPLETED"],
    "TERMINATED": ["TERMINATED"],
    "WITHDRAWN": ["WITHDRAWN"],
}
_SITE_STATUSES = ("RECRUITING", "NOT_YET_RECRUITING", "ACTIVE_NOT_RECRUITING",
                  "ENROLLING_BY_INVITATION", "SUSPENDED")


def change_study(original: Study, version: int = 1,
                 kinds: Iterable[str] | None = None) -> Study:
    """A changed copy of a study (the original is left as it was), as a registry update.

    The lastUpdatePostDate (and lastUpdateSubmitDate, statusVerifiedDate, versionHolder) always
    moves on, by about a week per version; kinds chooses among CHANGE_KINDS (default: each
    with an even chance, at least one): "status" (the next status in a study's life, with
    whyStopped, actual dates and site statuses to match), "enrollment" (a new count, ACTUAL
    once the study is over), "criterion" (an exclusion criterion added), "site" (a location
    added). The same (study, version, kinds) always gives the same change.
    """
    new: Study = orjson.loads(orjson.dumps(original))
    protocol = new["protocolSection"]
    nct = protocol["identificationModule"]["nctId"]
    rng = random.Random(f"ctgov-change:{nct}:{version}")
    builder = _Builder(rng, _pools())
    if kinds is None:
        chosen = [kind for kind in CHANGE_KINDS if rng.random() < 0.5] or [
            rng.choice(CHANGE_KINDS)]
    else:
        chosen = list(kinds)
        unknown = set(chosen) - set(CHANGE_KINDS)
        if unknown:
            raise ValueError(f"unknown change kinds: {sorted(unknown)}")
    status_module = protocol["statusModule"]
    old_post = datetime.date.fromisoformat(
        status_module["lastUpdatePostDateStruct"]["date"]).toordinal()
    post = max(old_post, _TODAY) + 7 * version - rng.randrange(3)
    post = max(post, old_post + 1)
    status = status_module["overallStatus"]
    design = protocol["designModule"]
    builder.nct = nct
    builder.status = status
    builder.industry = protocol["sponsorCollaboratorsModule"]["leadSponsor"].get(
        "class") == "INDUSTRY"
    builder.sponsor = protocol["sponsorCollaboratorsModule"]["leadSponsor"]["name"]
    builder.conditions = protocol["conditionsModule"].get("conditions") or ["the condition"]
    names = [i["name"] for i in protocol.get("armsInterventionsModule", {}).get(
        "interventions", [])] or ["the study treatment"]
    builder.topic = [c.lower() for c in builder.conditions] + names
    if "status" in chosen and status in _NEXT_STATUS:
        status = rng.choice(_NEXT_STATUS[status])
        status_module["overallStatus"] = status
        status_module.pop("lastKnownStatus", None)
        if status in ("TERMINATED", "WITHDRAWN", "SUSPENDED"):
            status_module["whyStopped"] = rng.choice(WHY_STOPPED)
        else:
            status_module.pop("whyStopped", None)
        if status in ("COMPLETED", "TERMINATED"):
            day = _iso(post - 30 - rng.randrange(60))
            for key in ("primaryCompletionDateStruct", "completionDateStruct"):
                if key in status_module:
                    status_module[key] = {"date": day, "type": "ACTUAL"}
        if status == "RECRUITING" and "startDateStruct" in status_module:
            status_module["startDateStruct"]["type"] = "ACTUAL"
        for site in protocol.get("contactsLocationsModule", {}).get("locations", []):
            if status in _SITE_STATUSES:
                if "status" in site and site["status"] not in ("COMPLETED", "WITHDRAWN"):
                    site["status"] = status
            else:
                site.pop("status", None)
    if "enrollment" in chosen and "enrollmentInfo" in design:
        info = design["enrollmentInfo"]
        count = int(info.get("count") or 0)
        new_count = max(1, int(count * rng.uniform(0.6, 1.6)) + rng.randrange(1, 20))
        info["count"] = new_count if new_count != count else count + 1
        info["type"] = "ACTUAL" if status in ("COMPLETED", "TERMINATED") else info.get(
            "type", "ESTIMATED")
    if "criterion" in chosen:
        eligibility = protocol.setdefault("eligibilityModule", {})
        text = eligibility.get("eligibilityCriteria") or "Inclusion Criteria:\n\n* Adults"
        bullet = "*"
        last = text.rstrip().rsplit("\n", 1)[-1].lstrip()
        if last[:1].isdigit():
            number = last.split(".", 1)[0]
            bullet = f"{int(number) + 1}." if number.isdigit() else "*"
        elif last[:1] == "-":
            bullet = "-"
        if "Exclusion Criteria:" not in text:
            text = text.rstrip() + "\n\nExclusion Criteria:\n"
        eligibility["eligibilityCriteria"] = (
            f"{text.rstrip()}\n{bullet} {builder.criterion(names)} (added in amendment "
            f"{version})")
    if "site" in chosen:
        contacts = protocol.setdefault("contactsLocationsModule", {})
        locations = contacts.setdefault("locations", [])
        site = builder.site(status in _SITE_STATUSES)
        if "status" in site:
            site["status"] = "NOT_YET_RECRUITING" if rng.random() < 0.5 else status
        locations.append(site)
    status_module["lastUpdateSubmitDate"] = _iso(post - rng.randrange(1, 4))
    status_module["lastUpdatePostDateStruct"] = {"date": _iso(post), "type": "ACTUAL"}
    status_module["statusVerifiedDate"] = _iso(post)[:7]
    misc = new.setdefault("derivedSection", {}).setdefault("miscInfoModule", {})
    misc["versionHolder"] = max(misc.get("versionHolder", ""), _iso(post))
    return new


def changed_study(index: int, seed: int = 0, version: int = 1) -> Study:
    """Study index of the corpus, changed as in version of the updates."""
    return change_study(study(index, seed), version)


def iter_entries(count: int, seed: int = 0, *, start: int = 0, changed_share: float = 0.0,
                 version: int = 1, indent: bool = False) -> Iterator[tuple[str, bytes]]:
    """(name in the zip, JSON bytes) of studies start .. start+count-1, one at a time.

    With changed_share, that share of the studies (chosen by index, seed and version) comes
    changed as ``change_study(…, version)`` makes it; the others are as in the base corpus.
    """
    for name, data, _ in _entries(count, seed, start, changed_share, version, indent):
        yield name, data


def _entries(count: int, seed: int, start: int, changed_share: float, version: int,
             indent: bool) -> Iterator[tuple[str, bytes, bool]]:
    pools = _pools()
    option = orjson.OPT_INDENT_2 if indent else 0
    dump = orjson.dumps
    for index in range(start, start + count):
        nct = nct_for(index, seed)
        builder = _Builder(random.Random(f"ctgov-registry:{seed}:{index}"), pools)
        item = builder.study(nct)
        if changed_share and is_changed(index, seed, changed_share, version):
            item = change_study(item, version)
        yield f"{nct[-2:]}/{nct}.json", dump(item, option=option), builder.has_results


@dataclass(frozen=True)
class CorpusStats:
    """What write_zip wrote."""

    count: int
    bytes: int  # uncompressed JSON
    largest: int
    with_results: int
    zip_bytes: int
    seconds: float

    @property
    def mean(self) -> float:
        return self.bytes / self.count if self.count else 0.0


def write_zip(path: str | Path, count: int, seed: int = 0, *, start: int = 0,
              changed_share: float = 0.0, version: int = 1, compresslevel: int = 1,
              indent: bool = False, writer_process: bool = False) -> CorpusStats:
    """Write studies start .. start+count-1 to a zip in the bulk download's layout.

    The zip is written as the studies are made (ZIP_DEFLATED, zip64 when large), to a
    ``.part`` file renamed to path once complete. With writer_process a second process
    compresses and writes while this one makes the studies: faster when a second core is
    free, slower when it is not (then the two only add their hand-over to the work). The
    bytes written are the same either way.
    """
    target = Path(path)
    part = target.with_name(target.name + ".part")
    began = time.perf_counter()
    total = largest = results = written = 0
    batches = _batches(_entries(count, seed, start, changed_share, version, indent))
    if writer_process:
        # fork needs no re-import of the caller's main module; it is safe while this process
        # runs a single thread.
        fork = threading.active_count() == 1 and "fork" in multiprocessing.get_all_start_methods()
        context = (multiprocessing.get_context("fork") if fork else
                   multiprocessing.get_context("spawn"))
        receiver, sender = context.Pipe(duplex=False)
        process = context.Process(target=_zip_writer, args=(str(part), compresslevel, receiver),
                                  name="zip-writer", daemon=True)
        process.start()
        receiver.close()
        try:
            for batch in batches:
                sender.send([(name, data) for name, data, _ in batch])
                for _, data, has_results in batch:
                    total += len(data)
                    largest = max(largest, len(data))
                    results += has_results
                    written += 1
            sender.send(None)
            process.join()
        except OSError as error:  # the writer is gone: say so rather than "broken pipe"
            process.join()
            raise RuntimeError(
                f"the zip writer process failed (exit code {process.exitcode})") from error
        except BaseException:
            process.terminate()
            process.join()
            raise
        finally:
            sender.close()
        if process.exitcode != 0:
            raise RuntimeError(f"the zip writer process failed (exit code {process.exitcode})")
    else:
        with _open_zip(part, compresslevel) as archive:
            for batch in batches:
                _add(archive, [(name, data) for name, data, _ in batch], compresslevel)
                for _, data, has_results in batch:
                    total += len(data)
                    largest = max(largest, len(data))
                    results += has_results
                    written += 1
    part.replace(target)
    return CorpusStats(written, total, largest, results, target.stat().st_size,
                       time.perf_counter() - began)


def _batches(entries: Iterator[tuple[str, bytes, bool]],
             size: int = 64) -> Iterator[list[tuple[str, bytes, bool]]]:
    batch: list[tuple[str, bytes, bool]] = []
    for entry in entries:
        batch.append(entry)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _open_zip(path: str | Path, compresslevel: int) -> zipfile.ZipFile:
    return zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED,
                           compresslevel=compresslevel, allowZip64=True)


def _add(archive: zipfile.ZipFile, batch: list[tuple[str, bytes]], compresslevel: int) -> None:
    for name, data in batch:
        info = zipfile.ZipInfo(name, date_time=(2025, 9, 30, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = 0o644 << 16
        archive.writestr(info, data, compresslevel=compresslevel)


def _zip_writer(path: str, compresslevel: int, receiver: Connection) -> None:
    """The writer process: add the batches received to the zip, until None."""
    with _open_zip(path, compresslevel) as archive:
        while (batch := receiver.recv()) is not None:
            _add(archive, batch, compresslevel)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tests.bench.registry_corpus",
        description="Write synthetic ClinicalTrials.gov studies as the registry's bulk zip.")
    parser.add_argument("--count", type=int, required=True, help="number of studies")
    parser.add_argument("--out", type=Path, default=Path(DEFAULT_NAME), help="zip file to write")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--start", type=int, default=0, help="index of the first study")
    parser.add_argument("--changed-share", type=float, default=0.0,
                        help="share of studies written in their changed version")
    parser.add_argument("--version", type=int, default=1, help="version of the changes")
    parser.add_argument("--compresslevel", type=int, default=1)
    parser.add_argument("--indent", action="store_true", help="indent the JSON (2 spaces)")
    parser.add_argument("--writer-process", action="store_true",
                        help="compress and write in a second process (when a core is free)")
    args = parser.parse_args(argv)
    if args.count < 0 or not 0 <= args.changed_share <= 1:
        parser.error("--count must be >= 0 and --changed-share within 0..1")
    stats = write_zip(args.out, args.count, args.seed, start=args.start,
                      changed_share=args.changed_share, version=args.version,
                      compresslevel=args.compresslevel, indent=args.indent,
                      writer_process=args.writer_process)
    rate = stats.count / stats.seconds if stats.seconds else 0.0
    print(f"studies: {stats.count:,}")
    print(f"uncompressed bytes: {stats.bytes:,}")
    print(f"mean size: {stats.mean:,.0f} bytes (largest {stats.largest:,})")
    print(f"with results: {stats.with_results:,} "
          f"({stats.with_results / max(1, stats.count):.1%})")
    print(f"zip: {args.out} ({stats.zip_bytes:,} bytes)")
    print(f"time: {stats.seconds:.1f} s ({rate:,.0f} studies/s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
